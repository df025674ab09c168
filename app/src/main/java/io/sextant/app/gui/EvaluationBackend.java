package io.sextant.app.gui;

import io.sextant.services.catalog.FileRecord;
import io.sextant.services.catalog.FileStatus;
import io.sextant.services.catalog.SourceRecord;
import io.sextant.services.compare.NeighbourAgreement;
import io.sextant.services.compare.RankedListMetrics;
import io.sextant.services.engine.Engine;
import io.sextant.services.eval.PairedTest;
import io.sextant.services.judgments.BeirImport;
import io.sextant.services.judgments.DocIds;
import io.sextant.services.judgments.JudgmentStore;
import io.sextant.services.judgments.SavedQuery;
import io.sextant.services.judgments.WorkspaceEvaluator;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.Lane;
import io.sextant.services.task.TaskRunner;
import io.sextant.views.common.Judgments;
import io.sextant.views.common.Setup;
import io.sextant.views.compare.ComparePort;
import io.sextant.views.evaluate.EvaluatePort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.DoubleConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Compare and Evaluate tabs' engine side, and the judgments every result list records with
 * one key. Judgments live in the workspace's {@code judgments.db} ({@link JudgmentStore}), opened
 * beside the engine. Small reads and writes run on the IO lane, a comparison's searches on
 * SEARCH, and evaluations and neighbour agreement (many searches or N^2 dot products) on
 * EVALUATE, so neither holds up the search box.
 */
public final class EvaluationBackend implements ComparePort, EvaluatePort, Judgments, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EvaluationBackend.class.getName());
  /** BEIR datasets are evaluated on their test split, as MTEB and the CLI's eval do. */
  static final String SPLIT = "test";

  private final CompletableFuture<Engine> engine;
  private final CompletableFuture<JudgmentStore> store;
  private final TaskRunner tasks;
  private final DocIds docIds;

  /**
   * @param docIds how exported qrels and runs name files ({@link DocIds#STEM} gives a BEIR
   *     corpus written one file per document back its own ids)
   */
  public EvaluationBackend(CompletableFuture<Engine> engine, TaskRunner tasks, DocIds docIds) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.docIds = Objects.requireNonNull(docIds, "docIds");
    this.store = engine.thenCompose(e -> tasks.submit(Lane.IO, "open judgments",
        () -> JudgmentStore.openIn(e.workspace().root())));
  }

  private <T> CompletableFuture<T> on(Lane lane, String name, BiFunction<Engine, JudgmentStore, Callable<T>> work) {
    return engine.thenCompose(e -> store.thenCompose(s -> tasks.submit(lane, name, work.apply(e, s))));
  }

  // ------------------------------------------------------------------ Judgments

  @Override
  public CompletableFuture<Void> judge(String query, String docKey, int grade) {
    if (grade < 0 || grade > 2) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("grade must be 0, 1 or 2, got " + grade));
    }
    return on(Lane.IO, "record judgment", (e, s) -> () -> {
      s.judge(query, docKey, grade);
      return null;
    });
  }

  @Override
  public CompletableFuture<Map<String, Integer>> of(String query) {
    return on(Lane.IO, "read judgments", (e, s) -> () -> s.gradesOf(query));
  }

  // ------------------------------------------------------------------ Compare

  @Override
  public CompletableFuture<Comparison> compare(String query, List<Setup> setups, int k) {
    List<Setup> copy = List.copyOf(setups);
    return on(Lane.SEARCH, "compare setups", (e, s) -> () -> compare(e, query, copy, k));
  }

  static Comparison compare(Engine e, String query, List<Setup> setups, int k) throws IOException {
    List<SearchResponse> responses = new ArrayList<>();
    List<List<String>> keys = new ArrayList<>();
    for (Setup setup : setups) {
      SearchResponse r = e.search(request(setup, query, k));
      responses.add(r);
      keys.add(r.hits().stream().map(DocHit::docKey).toList());
    }
    List<Pair> pairs = new ArrayList<>();
    for (int a = 0; a < setups.size(); a++) {
      for (int b = a + 1; b < setups.size(); b++) {
        List<String> la = keys.get(a);
        List<String> lb = keys.get(b);
        pairs.add(new Pair(a, b, RankedListMetrics.overlap(la, lb, k), RankedListMetrics.jaccard(la, lb, k),
            RankedListMetrics.rbo(la, lb, k, RankedListMetrics.DEFAULT_P), RankedListMetrics.kendallTau(la, lb, k),
            RankedListMetrics.shared(la, lb, k)));
      }
    }
    return new Comparison(query, setups, responses, pairs, k);
  }

  private static SearchRequest request(Setup s, String query, int k) {
    return SearchRequest.builder(query, s.mode())
        .modelId(s.mode() == SearchMode.KEYWORD ? null : s.modelId()).k(k).build();
  }

  @Override
  public CompletableFuture<Agreement> neighbourAgreement(String modelA, String modelB, int k) {
    return on(Lane.EVALUATE, "neighbour agreement", (e, s) -> () -> {
      NeighbourAgreement.Result r = neighbourAgreement(e, modelA, modelB, k);
      LOG.info(() -> "neighbour agreement " + modelA + " vs " + modelB + ": " + r);
      return new Agreement(r.agreement(), r.k(), r.passages(), r.scored());
    });
  }

  static NeighbourAgreement.Result neighbourAgreement(Engine e, String modelA, String modelB, int k) {
    var ma = e.embedder(modelA).manifest();
    var mb = e.embedder(modelB).manifest();
    Map<Long, float[]> va = NeighbourAgreement.vectorsOf(e.catalog(), ma.id(), ma.onnxSha256());
    Map<Long, float[]> vb = NeighbourAgreement.vectorsOf(e.catalog(), mb.id(), mb.onnxSha256());
    return new NeighbourAgreement(k, NeighbourAgreement.DEFAULT_SAMPLE).measure(va, vb, new Cancellation());
  }

  // ------------------------------------------------------------------ Evaluate

  @Override
  public CompletableFuture<List<JudgedQuery>> judgedQueries() {
    return on(Lane.IO, "list judged queries", (e, s) -> () -> s.judgedQueries().stream()
        .map(q -> new JudgedQuery(q.id(), q.text(), q.judged(), q.relevant())).toList());
  }

  @Override
  public CompletableFuture<Report> evaluate(List<Setup> setups, int k, DoubleConsumer progress, Cancellation cancel) {
    List<Setup> copy = List.copyOf(setups);
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancel, "cancel");
    return on(Lane.EVALUATE, "evaluate setups", (e, s) -> () -> toReport(
        new WorkspaceEvaluator(e::search, PairedTest.standard())
            .evaluate(s, copy.stream().map(EvaluationBackend::setup).toList(), k, cancel, progress), copy));
  }

  static WorkspaceEvaluator.Setup setup(Setup s) {
    return new WorkspaceEvaluator.Setup(s.modelId(), s.mode());
  }

  static Report toReport(WorkspaceEvaluator.Report r, List<Setup> setups) {
    List<SetupScore> scores = new ArrayList<>();
    for (int i = 0; i < r.results().size(); i++) {
      var x = r.results().get(i);
      scores.add(new SetupScore(setups.get(i), x.ndcg10(), x.mrr10(), x.recallK(), x.meanMillis()));
    }
    List<PairTest> tests = r.pairs().stream().map(p -> new PairTest(p.a(), p.b(), p.test().meanDiff(),
        p.test().p(), p.test().ciLow(), p.test().ciHigh())).toList();
    List<QueryDelta> deltas = new ArrayList<>();
    if (r.results().size() >= 2) {
      var first = r.results().get(0).perQueryNdcg10();
      var second = r.results().get(1).perQueryNdcg10();
      for (SavedQuery q : r.queries()) {
        deltas.add(new QueryDelta(q.id(), q.text(), first.get(q.id()), second.get(q.id())));
      }
    }
    return new Report(scores, tests, deltas, r.queries().size(), r.k());
  }

  @Override
  public CompletableFuture<Integer> importBeir(Path folder) {
    return on(Lane.IO, "import BEIR judgments", (e, s) -> () -> {
      BeirImport.Result r = BeirImport.run(s, folder, SPLIT, fileKeys(e));
      LOG.info(() -> "imported " + folder + ": " + r);
      if (r.queries() == 0) {
        throw new IOException("none of the " + (r.unmatchedDocs() + r.ambiguousDocs()) + " judged documents of "
            + folder + " is a file in this workspace (a document id must be a file's name without extension,"
            + " e.g. 4983.txt for corpus id 4983)");
      }
      return r.queries();
    });
  }

  /** The keys of the workspace's indexed files (their absolute paths). */
  static List<String> fileKeys(Engine e) {
    List<String> keys = new ArrayList<>();
    for (SourceRecord src : e.catalog().sources()) {
      for (FileRecord f : e.catalog().files(src.id())) {
        if (f.status() == FileStatus.INDEXED) {
          keys.add(f.path());
        }
      }
    }
    return keys;
  }

  @Override
  public CompletableFuture<Void> exportQrels(Path file) {
    return on(Lane.IO, "export qrels", (e, s) -> () -> {
      s.exportQrels(file, docIds);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> exportTable(EvaluatePort.Report report, Path file) {
    return tasks.submit(Lane.IO, "export evaluation table", () -> {
      try (var out = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
        io.sextant.views.evaluate.ReportTable.write(report, out);
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> exportRun(Setup setup, int k, Path file) {
    return on(Lane.EVALUATE, "export run", (e, s) -> () -> {
      new WorkspaceEvaluator(e::search, PairedTest.standard()).writeRun(s, setup(setup), k, file, docIds,
          new Cancellation());
      return null;
    });
  }

  /** Closes the judgments file once the store is open (or does nothing if it never opened). */
  @Override
  public void close() {
    store.thenAccept(s -> {
      try {
        s.close();
      } catch (IOException ex) {
        LOG.log(Level.WARNING, "could not close the judgments file", ex);
      }
    }).exceptionally(t -> null).join();
  }
}
