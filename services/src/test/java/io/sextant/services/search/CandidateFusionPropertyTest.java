package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.apache.lucene.search.ScoreDoc;

/** Fusion arithmetic on arbitrary candidate lists; a failing run replays its seed next time. */
class CandidateFusionPropertyTest {

  /** A best-first list over the given docs with strictly decreasing scores. */
  private static ScoreDoc[] ranked(List<Integer> docs, List<Float> rawScores) {
    List<Float> scores = new ArrayList<>(rawScores.subList(0, Math.min(docs.size(), rawScores.size())));
    scores.sort((a, b) -> Float.compare(b, a));
    ScoreDoc[] out = new ScoreDoc[scores.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new ScoreDoc(docs.get(i), scores.get(i));
    }
    return out;
  }

  @Property(tries = 300, afterFailure = AfterFailureMode.PREVIOUS_SEED)
  void rrfIsTheSumOfReciprocalRanksOverTheListsHoldingTheChunk(
      @ForAll @Size(max = 30) @UniqueElements List<@IntRange(max = 50) Integer> bm25Docs,
      @ForAll @Size(max = 30) @UniqueElements List<@IntRange(max = 50) Integer> vectorDocs,
      @ForAll @Size(30) List<@FloatRange(min = 0, max = 20) Float> bm25Scores,
      @ForAll @Size(30) List<@FloatRange(min = -1, max = 1) Float> vectorScores,
      @ForAll @IntRange(max = 100) int k) {
    ScoreDoc[] bm25 = ranked(bm25Docs, bm25Scores);
    ScoreDoc[] vector = ranked(vectorDocs, vectorScores);
    Map<Integer, Candidate> byDoc = CandidateFusion.collect(bm25, vector);
    CandidateFusion.score(byDoc.values(), SearchMode.HYBRID, new Fusion.Rrf(k));
    for (Candidate c : byDoc.values()) {
      double expected = 0;
      int bi = bm25Docs.indexOf(c.doc);
      int vi = vectorDocs.indexOf(c.doc);
      if (bi >= 0) {
        expected += 1.0 / (k + bi + 1);
        assertEquals(bi + 1, c.bm25Rank);
      }
      if (vi >= 0) {
        expected += 1.0 / (k + vi + 1);
        assertEquals(vi + 1, c.vectorRank);
      }
      assertEquals(expected, c.score, 1e-12);
    }
    assertEquals(distinct(bm25Docs, vectorDocs), byDoc.size());
  }

  private static int distinct(List<Integer> a, List<Integer> b) {
    return (int) java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().count();
  }

  @Property(tries = 300, afterFailure = AfterFailureMode.PREVIOUS_SEED)
  void convexScoresStayInTheUnitIntervalAndTheBestOfBothListsScoresOne(
      @ForAll @Size(min = 1, max = 30) @UniqueElements List<@IntRange(max = 50) Integer> bm25Docs,
      @ForAll @Size(min = 1, max = 30) @UniqueElements List<@IntRange(max = 50) Integer> vectorDocs,
      @ForAll @Size(30) List<@FloatRange(min = 0, max = 20) Float> bm25Scores,
      @ForAll @Size(30) List<@FloatRange(min = -1, max = 1) Float> vectorScores,
      @ForAll @DoubleRange(min = 0, max = 1) double alpha) {
    ScoreDoc[] bm25 = ranked(bm25Docs, bm25Scores);
    ScoreDoc[] vector = ranked(vectorDocs, vectorScores);
    Map<Integer, Candidate> byDoc = CandidateFusion.collect(bm25, vector);
    CandidateFusion.score(byDoc.values(), SearchMode.HYBRID, new Fusion.Convex(alpha));
    for (Candidate c : byDoc.values()) {
      assertTrue(c.score >= -1e-12 && c.score <= 1 + 1e-12, c.toString());
    }
    Candidate top = byDoc.get(bm25[0].doc);
    if (bm25[0].doc == vector[0].doc) {
      assertEquals(1.0, top.score, 1e-9, "top of both lists");
    } else {
      assertEquals(1 - alpha + (top.hasVector() ? alpha * norm(top.vectorScore, vector) : 0),
          top.score, 1e-9);
    }
  }

  private static double norm(double v, ScoreDoc[] list) {
    double max = list[0].score;
    double min = list[list.length - 1].score;
    return max > min ? (v - min) / (max - min) : 1;
  }

  @Property(tries = 200, afterFailure = AfterFailureMode.PREVIOUS_SEED)
  void singleModeScoresAreTheRetrieversOwn(
      @ForAll @Size(max = 20) @UniqueElements List<@IntRange(max = 50) Integer> docs,
      @ForAll @Size(20) List<@FloatRange(min = -1, max = 1) Float> scores) {
    ScoreDoc[] list = ranked(docs, scores);
    Collection<Candidate> semantic = CandidateFusion.collect(new ScoreDoc[0], list).values();
    CandidateFusion.score(semantic, SearchMode.SEMANTIC, Fusion.rrf());
    Collection<Candidate> keyword = CandidateFusion.collect(list, new ScoreDoc[0]).values();
    CandidateFusion.score(keyword, SearchMode.KEYWORD, Fusion.rrf());
    for (Candidate c : semantic) {
      assertEquals(c.vectorScore, c.score);
      assertTrue(!c.hasBm25());
    }
    for (Candidate c : keyword) {
      assertEquals(c.bm25Score, c.score);
      assertTrue(!c.hasVector());
    }
  }

  @Property(tries = 300, afterFailure = AfterFailureMode.PREVIOUS_SEED)
  void theListFormHoldsTheMapsCandidatesInTheMapsOrder(
      @ForAll @Size(max = 30) @UniqueElements List<@IntRange(max = 50) Integer> bm25Docs,
      @ForAll @Size(max = 30) @UniqueElements List<@IntRange(max = 50) Integer> vectorDocs,
      @ForAll @Size(30) List<@FloatRange(min = 0, max = 20) Float> bm25Scores,
      @ForAll @Size(30) List<@FloatRange(min = -1, max = 1) Float> vectorScores) {
    ScoreDoc[] bm25 = ranked(bm25Docs, bm25Scores);
    ScoreDoc[] vector = ranked(vectorDocs, vectorScores);
    List<Candidate> expected = new ArrayList<>(CandidateFusion.collect(bm25, vector).values());
    List<Candidate> actual = CandidateFusion.collectList(bm25, vector);
    assertEquals(expected.toString(), actual.toString());
  }
}
