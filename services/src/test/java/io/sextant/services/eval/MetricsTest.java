package io.sextant.services.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed examples of trec_eval's definitions. Each expected value is worked out in the
 * comment beside it so the test documents the definition, not just our arithmetic.
 */
class MetricsTest {

  private static List<ScoredDoc> ranked(String... ids) {
    // scores strictly decreasing, so TREC order equals the given order
    var out = new java.util.ArrayList<ScoredDoc>();
    for (int i = 0; i < ids.length; i++) {
      out.add(new ScoredDoc(ids[i], 100 - i));
    }
    return out;
  }

  @Test
  void ndcgUsesGradeAsGainAndLog2Discount() {
    // ranking d1(2) d2(0) d3(1); ideal d1(2) d3(1)
    // DCG = 2/log2(2) + 1/log2(4) = 2 + 0.5 = 2.5 ; IDCG = 2 + 1/log2(3) = 2.6309297535714578
    double expected = 2.5 / (2 + 1 / (Math.log(3) / Math.log(2)));
    double got = Metrics.ndcg(ranked("d1", "d2", "d3"), Map.of("d1", 2, "d3", 1), 10);
    assertEquals(expected, got, 1e-12);
    assertEquals(0.9502344167898356, got, 1e-12);
  }

  @Test
  void ndcgIdealRankingCountsRelevantDocumentsTheRunMissed() {
    // one of two relevant docs retrieved at rank 1: DCG = 1, IDCG = 1 + 1/log2(3)
    double got = Metrics.ndcg(ranked("a", "x"), Map.of("a", 1, "b", 1), 10);
    assertEquals(1 / (1 + 1 / (Math.log(3) / Math.log(2))), got, 1e-12);
  }

  @Test
  void ndcgCutoffIgnoresDocumentsBelowK() {
    assertEquals(0.0, Metrics.ndcg(ranked("x", "y", "a"), Map.of("a", 1), 2), 0.0);
  }

  @Test
  void negativeAndZeroGradesCountAsNotRelevant() {
    assertEquals(0.0, Metrics.ndcg(ranked("a", "b"), Map.of("a", -1, "b", 0), 10), 0.0);
    assertEquals(0.0, Metrics.mrr(ranked("a", "b"), Map.of("a", -1, "b", 0), 10), 0.0);
  }

  @Test
  void mrrIsReciprocalRankOfFirstRelevantWithinCutoff() {
    assertEquals(1.0 / 3, Metrics.mrr(ranked("x", "y", "a", "b"), Map.of("a", 1, "b", 2), 10), 1e-15);
    assertEquals(0.0, Metrics.mrr(ranked("x", "y", "a"), Map.of("a", 1), 2), 0.0);
  }

  @Test
  void recallIsShareOfRelevantFound() {
    assertEquals(0.5, Metrics.recall(ranked("a", "x", "y"), Map.of("a", 1, "b", 1), 10), 0.0);
    assertEquals(0.0, Metrics.recall(ranked("x", "a"), Map.of("a", 1), 1), 0.0);
  }

  @Test
  void tiesAreBrokenByDescendingDocumentIdLikeTrecEval() {
    // equal scores: trec_eval ranks "b" before "a", so only "b" is inside the cutoff of 1
    var run = new Run(Map.of("q", List.of(new ScoredDoc("a", 1.0), new ScoredDoc("b", 1.0))));
    assertEquals("b", run.ranking("q").get(0).docId());
    assertEquals(0.0, Metrics.mrr(run.ranking("q"), Map.of("a", 1), 1), 0.0);
  }

  @Test
  void summaryCountsQueriesWithoutResultsAsZero() {
    var qrels = new Qrels(Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 1)));
    var run = new Run(Map.of("q1", List.of(new ScoredDoc("a", 1))));
    var s = MetricSummary.of(run, qrels);
    assertEquals(2, s.queries());
    assertEquals(0.5, s.ndcg10(), 1e-12);
    assertEquals(0.5, s.mrr10(), 1e-12);
  }

  @Test
  void rejectsCutoffBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> Metrics.ndcg(List.of(), Map.of(), 0));
  }

  @Test
  void trecRunFileRoundTripsAndScoresTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    var run = new Run(Map.of("q1", List.of(new ScoredDoc("a", 0.5), new ScoredDoc("b", 0.75))));
    var file = dir.resolve("run.trec");
    run.writeTrec(file, "sextant");
    assertEquals(List.of("q1 Q0 b 1 0.75 sextant", "q1 Q0 a 2 0.5 sextant"),
        java.nio.file.Files.readAllLines(file));
    assertEquals(run.ranking("q1"), Run.readTrec(file).ranking("q1"));
  }
}
