package io.sextant.services.judgments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.services.engine.Engine;
import io.sextant.services.eval.MetricSummary;
import io.sextant.services.eval.PairedTest;
import io.sextant.services.eval.Qrels;
import io.sextant.services.eval.Run;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.search.SearchMode;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation end to end on ADI (82 documents, 35 judged queries, from the shared data): each
 * document written as a file, indexed by the real engine with the quantised MiniLM, the BEIR
 * judgments imported, keyword and semantic search evaluated. The scores must equal what the
 * shared metrics code gives the run files written for the same setups.
 */
class WorkspaceEvaluatorTest {

  static final String MODEL = "all-minilm-l6-v2-q";
  @TempDir static Path tmp;
  static Path adi;
  static TaskRunner tasks;
  static Engine engine;
  static JudgmentStore store;

  @BeforeAll
  static void setUp() throws Exception {
    adi = Path.of(System.getProperty("sextant.shared.dir", "../shared"), "data", "adi");
    assumeTrue(Files.isDirectory(adi), "shared ADI data absent: " + adi);
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(adi.resolve("corpus.jsonl"))) {
      if (!line.isBlank()) {
        JsonNode n = json.readTree(line);
        Files.writeString(docs.resolve(n.get("_id").asText() + ".txt"),
            n.path("title").asText("") + "\n\n" + n.path("text").asText(""));
      }
    }
    tasks = new TaskRunner();
    engine = Engine.open(Workspace.at(tmp.resolve("ws")),
        new ModelRegistry(Path.of("target", "test-models").toAbsolutePath()), tasks,
        c -> c.withModels(List.of(MODEL)));
    engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    store = JudgmentStore.openIn(engine.workspace().root());
    List<String> keys;
    try (var files = Files.list(docs)) {
      keys = files.map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }
    var r = BeirImport.run(store, adi, "test", keys);
    assertEquals(0, r.unmatchedDocs());
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (store != null) {
      store.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (tasks != null) {
      tasks.close();
    }
  }

  @Test
  void scoresEqualTheSharedMetricsOnTheWrittenRunFiles() throws Exception {
    var evaluator = new WorkspaceEvaluator(engine::search, PairedTest.standard());
    var keyword = new WorkspaceEvaluator.Setup(MODEL, SearchMode.KEYWORD);
    var semantic = new WorkspaceEvaluator.Setup(MODEL, SearchMode.SEMANTIC);
    var report = evaluator.evaluate(store, List.of(keyword, semantic), 100, new Cancellation());
    assertEquals(Qrels.read(adi.resolve("qrels/test.tsv")).size(), report.queries().size());
    assertEquals(1, report.pairs().size());

    Path qrelsFile = tmp.resolve("qrels.txt");
    store.exportQrels(qrelsFile, DocIds.STEM);
    Qrels stemQrels = Qrels.read(qrelsFile);
    for (var result : report.results()) {
      Path runFile = tmp.resolve(result.setup().tag() + ".run");
      evaluator.writeRun(store, result.setup(), 100, runFile, DocIds.STEM, new Cancellation());
      MetricSummary m = MetricSummary.of(Run.readTrec(runFile), stemQrels);
      assertEquals(m.ndcg10(), result.ndcg10(), 1e-9, result.setup().tag());
      assertEquals(m.mrr10(), result.mrr10(), 1e-9, result.setup().tag());
      assertEquals(m.recall100(), result.recallK(), 1e-9, result.setup().tag());
      assertTrue(result.ndcg10() > 0.2, result.setup().tag() + " finds relevant documents: " + result.ndcg10());
      assertTrue(result.meanMillis() > 0);
    }
    var pair = report.pairs().get(0);
    assertEquals(report.results().get(1).ndcg10() - report.results().get(0).ndcg10(), pair.test().meanDiff(), 1e-9);
    assertTrue(pair.test().ciLow() <= pair.test().meanDiff() && pair.test().meanDiff() <= pair.test().ciHigh());
    assertTrue(pair.test().p() > 0 && pair.test().p() <= 1);
  }

  @Test
  void aCancelledEvaluationStopsBeforeItsNextQuery() throws Exception {
    AtomicInteger searches = new AtomicInteger();
    var evaluator = new WorkspaceEvaluator(r -> {
      searches.incrementAndGet();
      return engine.search(r);
    }, PairedTest.standard());
    Cancellation cancel = new Cancellation();
    List<Double> progress = new ArrayList<>();
    var setups = List.of(new WorkspaceEvaluator.Setup(MODEL, SearchMode.KEYWORD),
        new WorkspaceEvaluator.Setup(MODEL, SearchMode.SEMANTIC));
    assertThrows(CancellationException.class, () -> evaluator.evaluate(store, setups, 10, cancel, p -> {
      progress.add(p);
      if (progress.size() == 5) {
        cancel.cancel(); // as the Cancel button does, from another thread, mid-run
      }
    }));
    long queries = store.judgedQueries().stream().filter(q -> q.relevant() > 0).count();
    assertEquals(5, progress.size(), "no query is searched after the cancel");
    assertEquals(1 + 5, searches.get(), "one untimed warm-up search, then five queries");
    assertEquals(5.0 / (2 * queries), progress.get(4), 1e-12);
  }

  @Test
  void progressRisesToOneOverAllSetupsAndQueries() throws Exception {
    List<Double> progress = new ArrayList<>();
    var setups = List.of(new WorkspaceEvaluator.Setup(MODEL, SearchMode.KEYWORD),
        new WorkspaceEvaluator.Setup(MODEL, SearchMode.KEYWORD));
    new WorkspaceEvaluator(engine::search, PairedTest.standard()).evaluate(store, setups, 10, new Cancellation(),
        progress::add);
    assertEquals(2 * store.judgedQueries().stream().filter(q -> q.relevant() > 0).count(), progress.size());
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i) > progress.get(i - 1), "rises: " + progress);
    }
    assertEquals(1.0, progress.get(progress.size() - 1), 1e-12);
  }

  @Test
  void anEmptyStoreIsAClearError() throws Exception {
    try (JudgmentStore empty = JudgmentStore.open(tmp.resolve("empty.db"))) {
      var e = assertThrows(IllegalArgumentException.class, () -> new WorkspaceEvaluator(engine::search,
          PairedTest.standard()).evaluate(empty, List.of(new WorkspaceEvaluator.Setup(MODEL, SearchMode.KEYWORD)),
          10, new Cancellation()));
      assertTrue(e.getMessage().contains("judge"), e.getMessage());
    }
  }
}
