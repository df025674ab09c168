package io.sextant.views.evaluate;

import io.sextant.services.task.Cancellation;
import io.sextant.views.common.Setup;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;

/** What the Evaluate screen asks of the engine; every call runs in the background. */
public interface EvaluatePort {

  /** A saved query with how many files are judged for it, and how many of those are relevant. */
  record JudgedQuery(String id, String text, int judged, int relevant) {}

  /** One setup's scores, averaged over the judged queries. */
  record SetupScore(Setup setup, double ndcg10, double mrr10, double recallK, double meanMillis) {}

  /**
   * Paired comparison of setups {@code a} and {@code b} on nDCG@10: mean difference (b - a), the
   * two-sided p-value of a paired randomisation test and a 95 % bootstrap interval.
   */
  record PairTest(int a, int b, double meanDiff, double p, double ciLow, double ciHigh) {}

  /** A query's nDCG@10 under the first two setups, for the wins and losses list. */
  record QueryDelta(String queryId, String text, double first, double second) {
    public double delta() {
      return second - first;
    }
  }

  /** Everything one evaluation run produced. */
  record Report(List<SetupScore> scores, List<PairTest> tests, List<QueryDelta> perQuery, int queries, int k) {
    public Report {
      scores = List.copyOf(scores);
      tests = List.copyOf(tests);
      perQuery = List.copyOf(perQuery);
    }
  }

  CompletableFuture<List<JudgedQuery>> judgedQueries();

  /**
   * Evaluates every setup on every judged query, retrieving {@code k} files per query. Progress
   * goes from 0 to 1; once {@code cancel} is set the run stops before its next search and the
   * future fails with a {@link java.util.concurrent.CancellationException}.
   */
  CompletableFuture<Report> evaluate(List<Setup> setups, int k, DoubleConsumer progress, Cancellation cancel);

  /** Imports a BEIR folder's queries and qrels (test split); completes with the queries added. */
  CompletableFuture<Integer> importBeir(Path folder);

  /** Writes the workspace's judgments as a TREC qrels file. */
  CompletableFuture<Void> exportQrels(Path file);

  /** Runs a setup over the judged queries and writes a TREC run file. */
  CompletableFuture<Void> exportRun(Setup setup, int k, Path file);

  /** Writes a finished run's score table as CSV ({@link ReportTable}). */
  CompletableFuture<Void> exportTable(Report report, Path file);
}
