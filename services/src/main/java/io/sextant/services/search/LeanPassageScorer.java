package io.sextant.services.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's default passage score (BM25 over the passage's distinct terms, times the position
 * norm), computed without its hash table.
 *
 * <p>The stock {@link PassageScorer#score} builds a {@code BytesRefHash} for every candidate
 * passage to find the distinct terms among a handful of matches, and each of those allocates a
 * 32 KB block: in the query benchmark about 170 KB per search, for lists of a few terms. A linear
 * scan over the matches finds the same distinct terms in the same first-seen order, so the sum
 * runs in the same order with the same float and double steps and gives the same score, bit for
 * bit.
 */
final class LeanPassageScorer extends PassageScorer {

  @Override
  public float score(Passage passage, int contentLength) {
    int matches = passage.getNumMatches();
    BytesRef[] terms = passage.getMatchTerms();
    int[] docFreqs = passage.getMatchTermFreqsInDoc();
    // distinct terms in first-seen order, with their frequency in the passage and in the doc
    BytesRef[] distinct = new BytesRef[matches];
    int[] inPassage = new int[matches];
    int[] inDoc = new int[matches];
    int n = 0;
    for (int i = 0; i < matches; i++) {
      int at = 0;
      while (at < n && !distinct[at].bytesEquals(terms[i])) {
        at++;
      }
      if (at == n) {
        distinct[n] = terms[i];
        inDoc[n] = docFreqs[i];
        n++;
      }
      inPassage[at]++;
    }
    double score = 0d;
    for (int i = 0; i < n; i++) {
      score += tf(inPassage[i], passage.getLength()) * weight(contentLength, inDoc[i]);
    }
    score *= norm(passage.getStartOffset());
    return (float) score;
  }
}
