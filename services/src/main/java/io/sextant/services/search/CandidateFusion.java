package io.sextant.services.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;

/** Merges the keyword and vector lists into scored {@link Candidate}s. Pure arithmetic. */
final class CandidateFusion {

  private CandidateFusion() {}

  /**
   * Candidates from both lists, each list best first, with components and ranks filled in;
   * insertion order is keyword list then new vector hits.
   */
  static Map<Integer, Candidate> collect(ScoreDoc[] bm25, ScoreDoc[] vector) {
    Map<Integer, Candidate> byDoc = LinkedHashMap.newLinkedHashMap(bm25.length + vector.length);
    for (int i = 0; i < bm25.length; i++) {
      Candidate c = byDoc.computeIfAbsent(bm25[i].doc, Candidate::new);
      c.bm25Score = bm25[i].score;
      c.bm25Rank = i + 1;
    }
    for (int i = 0; i < vector.length; i++) {
      Candidate c = byDoc.computeIfAbsent(vector[i].doc, Candidate::new);
      c.vectorScore = vector[i].score;
      c.vectorRank = i + 1;
    }
    return byDoc;
  }

  /**
   * The values of {@link #collect}, in the same order, as a new mutable list. When one list is
   * empty (keyword-only or semantic-only searches) no map is built: a retriever never returns a
   * chunk twice, so the other list's hits are the candidates as they stand. That map of boxed doc
   * ids cost about 6 % of a semantic search's time on a one-segment index.
   */
  static List<Candidate> collectList(ScoreDoc[] bm25, ScoreDoc[] vector) {
    if (bm25.length > 0 && vector.length > 0) {
      return new ArrayList<>(collect(bm25, vector).values());
    }
    List<Candidate> out = new ArrayList<>(bm25.length + vector.length);
    for (int i = 0; i < bm25.length; i++) {
      Candidate c = new Candidate(bm25[i].doc);
      c.bm25Score = bm25[i].score;
      c.bm25Rank = i + 1;
      out.add(c);
    }
    for (int i = 0; i < vector.length; i++) {
      Candidate c = new Candidate(vector[i].doc);
      c.vectorScore = vector[i].score;
      c.vectorRank = i + 1;
      out.add(c);
    }
    return out;
  }

  /** Sets each candidate's {@code score} for {@code mode}. */
  static void score(Collection<Candidate> candidates, SearchMode mode, Fusion fusion) {
    switch (mode) {
      case KEYWORD -> candidates.forEach(c -> c.score = c.bm25Score);
      case SEMANTIC -> candidates.forEach(c -> c.score = c.vectorScore);
      case HYBRID -> {
        switch (fusion) {
          case Fusion.Rrf rrf -> rrf(candidates, rrf.k());
          case Fusion.Convex convex -> convex(candidates, convex.alpha());
        }
      }
    }
  }

  static void rrf(Collection<Candidate> candidates, int k) {
    for (Candidate c : candidates) {
      double s = 0;
      if (c.hasBm25()) {
        s += 1.0 / (k + c.bm25Rank);
      }
      if (c.hasVector()) {
        s += 1.0 / (k + c.vectorRank);
      }
      c.score = s;
    }
  }

  static void convex(Collection<Candidate> candidates, double alpha) {
    double bMin = Double.POSITIVE_INFINITY, bMax = Double.NEGATIVE_INFINITY;
    double vMin = Double.POSITIVE_INFINITY, vMax = Double.NEGATIVE_INFINITY;
    for (Candidate c : candidates) {
      if (c.hasBm25()) {
        bMin = Math.min(bMin, c.bm25Score);
        bMax = Math.max(bMax, c.bm25Score);
      }
      if (c.hasVector()) {
        vMin = Math.min(vMin, c.vectorScore);
        vMax = Math.max(vMax, c.vectorScore);
      }
    }
    for (Candidate c : candidates) {
      double b = c.hasBm25() ? minMax(c.bm25Score, bMin, bMax) : 0;
      double v = c.hasVector() ? minMax(c.vectorScore, vMin, vMax) : 0;
      c.score = alpha * v + (1 - alpha) * b;
    }
  }

  /** Maps [min, max] onto [0, 1]; a list whose scores all tie maps to 1 (all equally best). */
  static double minMax(double x, double min, double max) {
    return max > min ? (x - min) / (max - min) : 1.0;
  }
}
