package io.sextant.services.search;

import java.util.Comparator;

/**
 * A chunk returned by at least one first-stage retriever, collecting what each said about it.
 * Mutable and confined to one search.
 */
final class Candidate {

  /** Best score first; ties go to the lower doc id so rankings are deterministic. */
  static final Comparator<Candidate> BY_SCORE =
      Comparator.comparingDouble((Candidate c) -> c.score).reversed().thenComparingInt(c -> c.doc);

  /** Global doc id in the searcher the candidate came from. */
  final int doc;

  double bm25Score;
  /** 1-based rank in the keyword list; 0 when absent. */
  int bm25Rank;

  double vectorScore;
  /** 1-based rank in the vector list; 0 when absent. */
  int vectorRank;

  /** The score the candidate is ranked by. */
  double score;

  /** Score before a second stage re-scored the candidate; meaningful only when {@link #reranked}. */
  double firstStageScore;

  boolean reranked;

  /** 1-based rank of the candidate's group (document) in the first-stage list; 0 when not asked. */
  int firstStageRank;

  /** Document key, filled in for grouping. */
  String docKey;

  Candidate(int doc) {
    this.doc = doc;
  }

  boolean hasBm25() {
    return bm25Rank > 0;
  }

  boolean hasVector() {
    return vectorRank > 0;
  }

  @Override
  public String toString() {
    return "Candidate[doc=" + doc + ", bm25=" + bm25Score + "@" + bm25Rank + ", vector="
        + vectorScore + "@" + vectorRank + ", score=" + score + "]";
  }
}
