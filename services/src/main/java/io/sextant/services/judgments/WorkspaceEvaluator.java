package io.sextant.services.judgments;

import io.sextant.services.eval.Metrics;
import io.sextant.services.eval.PairedTest;
import io.sextant.services.eval.Qrels;
import io.sextant.services.eval.Run;
import io.sextant.services.eval.ScoredDoc;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.task.Cancellation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * Evaluates retrieval setups (model x mode) on a workspace's judged queries: each setup searches
 * every query through the engine (files, not passages, are what is judged), and the rankings are
 * scored with {@link Metrics} (trec_eval's definitions, the same code as the CLI's BEIR
 * {@code eval}). Every pair of setups gets a paired randomisation test and a bootstrap interval
 * on the nDCG@10 differences ({@link PairedTest}).
 *
 * <p>Queries without a relevant judgment are left out, as trec_eval does for the measures used
 * here (they would score 0 for every setup and only dilute the means).
 */
public final class WorkspaceEvaluator {

  /** A retrieval setup; keyword search ignores the model. */
  public record Setup(String modelId, SearchMode mode) {
    public Setup {
      Objects.requireNonNull(mode, "mode");
      if (mode != SearchMode.KEYWORD) {
        Objects.requireNonNull(modelId, "modelId");
      }
    }

    /** One word, for TREC run tags: "bm25", "minilm-semantic". */
    public String tag() {
      return mode == SearchMode.KEYWORD ? "bm25" : modelId + "-" + mode.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Runs one search; the engine in the app, anything in tests. */
  @FunctionalInterface
  public interface Searcher {
    SearchResponse search(SearchRequest request) throws IOException;
  }

  /**
   * One setup's scores.
   *
   * @param perQueryNdcg10 nDCG@10 of each evaluated query id, in query order
   * @param meanMillis mean wall time of a search (query embedding included)
   */
  public record SetupResult(Setup setup, double ndcg10, double mrr10, double recallK,
      double meanMillis, Map<String, Double> perQueryNdcg10, Run run) {}

  /** The paired test of setup {@code b} against setup {@code a} (indices into the results). */
  public record Pair(int a, int b, PairedTest.Result test) {}

  /**
   * @param queries the evaluated queries (those with at least one relevant judgment)
   */
  public record Report(List<SetupResult> results, List<Pair> pairs, List<SavedQuery> queries, int k) {
    public Report {
      results = List.copyOf(results);
      pairs = List.copyOf(pairs);
      queries = List.copyOf(queries);
    }
  }

  private final Searcher searcher;
  private final PairedTest test;

  public WorkspaceEvaluator(Searcher searcher, PairedTest test) {
    this.searcher = Objects.requireNonNull(searcher, "searcher");
    this.test = Objects.requireNonNull(test, "test");
  }

  /**
   * @param k the recall cutoff and the number of files retrieved (at least 10 are retrieved, for
   *     nDCG@10 and MRR@10)
   */
  public Report evaluate(JudgmentStore store, List<Setup> setups, int k, Cancellation cancel)
      throws IOException {
    return evaluate(store, setups, k, cancel, done -> {});
  }

  /**
   * As {@link #evaluate(JudgmentStore, List, int, Cancellation)}, reporting progress: after each
   * query, the share of all (setup, query) searches done, from 0 to 1. Cancellation is checked
   * before every search, so a cancelled run stops within one query.
   */
  public Report evaluate(JudgmentStore store, List<Setup> setups, int k, Cancellation cancel,
      DoubleConsumer progress) throws IOException {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(cancel, "cancel");
    Objects.requireNonNull(progress, "progress");
    if (setups.isEmpty()) {
      throw new IllegalArgumentException("choose at least one setup to evaluate");
    }
    if (k < 1 || k > SearchRequest.MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + SearchRequest.MAX_K + ", got " + k);
    }
    List<SavedQuery> queries = store.judgedQueries().stream().filter(q -> q.relevant() > 0).toList();
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("no query has a relevant judgment yet: judge some hits 1 or 2 first");
    }
    Qrels qrels = store.qrels();
    List<SetupResult> results = new ArrayList<>();
    double total = (double) setups.size() * queries.size();
    for (Setup s : setups) {
      int before = results.size() * queries.size();
      results.add(evaluate(s, queries, qrels, k, cancel, q -> progress.accept((before + q) / total)));
    }
    List<Pair> pairs = new ArrayList<>();
    for (int a = 0; a < results.size(); a++) {
      for (int b = a + 1; b < results.size(); b++) {
        pairs.add(new Pair(a, b, test.test(values(results.get(a)), values(results.get(b)))));
      }
    }
    return new Report(results, pairs, queries, k);
  }

  private static double[] values(SetupResult r) {
    return r.perQueryNdcg10().values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** @param queriesDone told the number of queries searched so far, after each one */
  private SetupResult evaluate(Setup s, List<SavedQuery> queries, Qrels qrels, int k, Cancellation cancel,
      IntConsumer queriesDone) throws IOException {
    int depth = Math.max(10, k);
    cancel.check();
    // One untimed search first: it loads the model, which would otherwise count against query 1.
    searcher.search(request(s, queries.get(0).text(), depth));
    Map<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
    long nanos = 0;
    for (SavedQuery q : queries) {
      cancel.check();
      long t0 = System.nanoTime();
      SearchResponse r = searcher.search(request(s, q.text(), depth));
      nanos += System.nanoTime() - t0;
      List<ScoredDoc> docs = new ArrayList<>();
      for (DocHit h : r.hits()) {
        docs.add(new ScoredDoc(h.docKey(), h.score()));
      }
      rankings.put(q.id(), docs);
      queriesDone.accept(rankings.size());
    }
    Run run = new Run(rankings);
    double ndcg = 0, mrr = 0, recall = 0;
    Map<String, Double> per = new LinkedHashMap<>();
    for (SavedQuery q : queries) {
      var ranking = run.ranking(q.id());
      var judged = qrels.judgments(q.id());
      double n = Metrics.ndcg(ranking, judged, 10);
      per.put(q.id(), n);
      ndcg += n;
      mrr += Metrics.mrr(ranking, judged, 10);
      recall += Metrics.recall(ranking, judged, k);
    }
    int n = queries.size();
    return new SetupResult(s, ndcg / n, mrr / n, recall / n, nanos / 1e6 / n, per, run);
  }

  private static SearchRequest request(Setup s, String text, int depth) {
    return SearchRequest.builder(text, s.mode())
        .modelId(s.mode() == SearchMode.KEYWORD ? null : s.modelId()).k(depth).build();
  }

  /**
   * Runs a setup over the judged queries and writes a TREC run file ({@code qid Q0 docno rank
   * score tag}), document numbers made by {@code docIds}.
   *
   * @return the queries written
   */
  public int writeRun(JudgmentStore store, Setup setup, int k, Path file, DocIds docIds, Cancellation cancel)
      throws IOException {
    List<SavedQuery> queries = store.judgedQueries();
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("no judged queries to run");
    }
    Map<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
    for (SavedQuery q : queries) {
      cancel.check();
      List<ScoredDoc> docs = new ArrayList<>();
      for (DocHit h : searcher.search(request(setup, q.text(), k)).hits()) {
        docs.add(new ScoredDoc(docIds.docId(h.docKey()), h.score()));
      }
      rankings.put(q.id(), docs);
    }
    new Run(rankings).writeTrec(file, setup.tag());
    return queries.size();
  }
}
