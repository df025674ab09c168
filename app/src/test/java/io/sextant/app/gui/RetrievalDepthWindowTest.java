package io.sextant.app.gui;

import static io.sextant.app.gui.WindowFixture.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.app.TestWiring;
import io.sextant.app.Wiring;
import io.sextant.services.engine.Engine;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Cancellation;
import io.sextant.views.common.UiState;
import io.sextant.views.search.RankChange;
import io.sextant.views.search.RerankChoice;
import io.sextant.views.search.SearchForm;
import io.sextant.views.workbench.WorkbenchView;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The Search pane's second stage and export on a real engine: int8 MiniLM first, the int8
 * bge-small bi-encoder re-ranking its top hits, real Lucene index and SQLite catalog over a copy
 * of the sample documents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the watch tests add files: they go last
class RetrievalDepthWindowTest extends FxRobot {

  static final String MODEL = WindowFixture.MODEL;
  static final String RERANKER = "bge-small-en-v1.5-q";
  static final String QUERY = WindowFixture.TIDES_QUERY;

  @TempDir static Path temp;
  WindowFixture fx;
  Engine engine;
  WorkbenchView view;
  Path docs;

  @BeforeAll
  void openWindow() throws Exception {
    WindowFixture.assumeDisplay();
    Wiring wiring = TestWiring.create();
    docs = copy(WindowFixture.sampleCorpus(), temp.resolve("docs"));
    engine = wiring.openEngine(temp.resolve("workspace"), c -> c.withModels(List.of(MODEL)));
    engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    fx = WindowFixture.of(wiring, engine);
    view = fx.show(() -> new WorkbenchView(fx.backend, UiState.inMemory(), null));
  }

  @AfterAll
  void closeWindow() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  @Order(1)
  void reRankingByALargerBiEncoderShowsEachHitsRankBeforeAndAfter() throws Exception {
    search(QUERY);
    ListView<DocHit> results = view.search().results();
    List<DocHit> firstStage = List.copyOf(results.getItems());
    assertTrue(firstStage.stream().allMatch(d -> d.firstStageRank() == 0), "no second stage yet");
    assertTrue(lookup(".rank-change").queryAll().stream().noneMatch(javafx.scene.Node::isVisible));

    chooseReranker(RERANKER);
    waitFor("re-ranked list", () -> summary().contains("re-ranked top 50 by " + RERANKER)
        && !results.getItems().isEmpty() && results.getItems().get(0).firstStageRank() > 0);

    List<DocHit> reranked = List.copyOf(results.getItems());
    assertEquals(firstStage.size(), reranked.size());
    // every hit keeps its first-stage rank: ordering by it gives back the first stage's list
    List<String> byBefore = reranked.stream()
        .sorted(java.util.Comparator.comparingInt(DocHit::firstStageRank)).map(DocHit::docKey).toList();
    assertEquals(firstStage.stream().map(DocHit::docKey).toList(), byBefore);
    // and the list is the engine's own second stage over the same first stage
    SearchRequest direct = SearchForm.of(QUERY, SearchMode.HYBRID, MODEL)
        .withRerank(new RerankChoice(RerankChoice.Kind.BI_ENCODER, RERANKER).toRerank(50))
        .toRequest(java.time.ZoneId.systemDefault()).orElseThrow();
    assertEquals(engine.search(direct).hits().stream().map(DocHit::docKey).toList(),
        reranked.stream().map(DocHit::docKey).toList());
    assertTrue(reranked.get(0).path().endsWith("tides-and-the-moon.pdf"), reranked.get(0).path());

    // the visible rows carry the badge their ranks call for
    List<String> badges = visibleBadges();
    assertFalse(badges.isEmpty());
    for (String b : badges) {
      assertTrue(b.matches("[↑↓] \\d+→\\d+|= \\d+"), b);
    }
    assertEquals(RankChange.of(reranked.get(0), 0).orElseThrow().badge(), badges.get(0));
    fx.shot("rerank.png");

    chooseReranker(null);
    waitFor("first stage again", () -> !summary().contains("re-ranked")
        && !results.getItems().isEmpty() && results.getItems().get(0).firstStageRank() == 0);
    waitFor("badges gone", () -> visibleBadges().isEmpty());
  }

  @Test
  @Order(2)
  void exportWritesTheShownHitsWithTheirScoresAsCsvAndJson() throws Exception {
    chooseReranker(RERANKER);
    search("how do you feed a sourdough starter");
    ListView<DocHit> results = view.search().results();
    waitFor("re-ranked list", () -> summary().contains("re-ranked")
        && !results.getItems().isEmpty() && results.getItems().get(0).firstStageRank() > 0);
    List<DocHit> shown = List.copyOf(results.getItems());

    Path csv = temp.resolve("export").resolve("hits.csv");
    Files.createDirectories(csv.getParent());
    view.search().setExportChooser((owner, q) -> Optional.of(csv));
    clickOn("#export-results");
    waitFor("CSV written", () -> view.statusText().startsWith("Exported " + shown.size() + " results"));
    List<CSVRecord> rows;
    try (Reader r = Files.newBufferedReader(csv)) {
      rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
    }
    assertEquals(shown.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(Integer.toString(i + 1), rows.get(i).get("rank"));
      assertEquals(shown.get(i).path(), rows.get(i).get("path"));
      assertEquals(Integer.toString(shown.get(i).firstStageRank()), rows.get(i).get("first_stage_rank"));
      assertFalse(rows.get(i).get("rerank_score").isEmpty(), "re-ranked: the second stage's score");
    }

    Path json = temp.resolve("export").resolve("hits.json");
    view.search().setExportChooser((owner, q) -> Optional.of(json));
    chooseReranker(null);
    waitFor("first stage again", () -> !summary().contains("re-ranked")
        && !results.getItems().isEmpty() && results.getItems().get(0).firstStageRank() == 0);
    List<DocHit> plain = List.copyOf(results.getItems());
    clickOn("#export-results");
    waitFor("JSON written", () -> Files.exists(json) && view.statusText().contains(json.toString()));
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals("how do you feed a sourdough starter", doc.get("query").asText());
    assertEquals(MODEL, doc.get("model").asText());
    assertEquals(plain.size(), doc.get("hits").size());
    JsonNode first = doc.get("hits").get(0);
    assertEquals(plain.get(0).path(), first.get("path").asText());
    assertTrue(first.get("rerank_score").isNull(), "no second stage: no rerank score");
    assertNotNull(first.get("bm25_score"));
    assertTrue(first.get("vector_score").isNumber(), first.toString());
  }

  @Test
  @Order(3)
  void aFileCreatedInAWatchedSourceShowsInTheResultsAndTheLibraryWithinFiveSeconds() throws Exception {
    chooseReranker(null);
    waitFor("the source watched", () -> "watch-watched".equals(badge()));
    int before = sourceFiles();
    search("okapi zebra giraffid rainforest");
    assertFalse(shows("okapi-notes.txt"));

    Files.writeString(docs.resolve("okapi-notes.txt"),
        "The okapi looks like a zebra but is a giraffid from the rainforests of the Congo.");
    within("the new file in the results", () -> shows("okapi-notes.txt"));
    within("the library's count", () -> sourceFiles() == before + 1);
    assertTrue(view.search().results().getItems().get(0).path().endsWith("okapi-notes.txt"),
        () -> "first hit: " + view.search().results().getItems().get(0).path());
    fx.shot("watch.png");
  }

  @Test
  @Order(4)
  void pausingTheWatchHoldsChangesBackUntilResumed() throws Exception {
    chooseReranker(null);
    waitFor("the source watched", () -> "watch-watched".equals(badge()));
    search("axolotl regrows its limbs");
    clickOn("#watch-toggle");
    waitFor("paused", () -> view.library().watchShown() != null && view.library().watchShown().paused()
        && "watch-paused".equals(badge()));

    Files.writeString(docs.resolve("axolotl.txt"), "The axolotl regrows its limbs, its heart and parts of its brain.");
    Thread.sleep(5_000); // longer than the watcher's debounce and longest delay together
    assertFalse(shows("axolotl.txt"), "a change was applied while paused");
    assertTrue(engine.search(SearchRequest.builder("axolotl", SearchMode.KEYWORD).build()).hits().isEmpty());
    fx.shot("watch-paused.png");

    clickOn("#watch-toggle");
    within("the held-back file after resuming", () -> shows("axolotl.txt"));
    waitFor("watching again", () -> "watch-watched".equals(badge()));
  }

  // ------------------------------------------------------------------ helpers

  /** Waits at most 5 s: the bound for a change to reach the window. */
  static void within(String what, java.util.function.Supplier<Boolean> condition) throws Exception {
    try {
      org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return condition.get();
      });
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(what + ": not shown within 5 s", e);
    }
  }

  boolean shows(String fileName) {
    return view.search().results().getItems().stream().anyMatch(d -> d.path().endsWith(fileName));
  }

  /** The docs source's files indexed, as the Library lists them. */
  int sourceFiles() {
    ListView<io.sextant.services.browse.SourceSummary> list = lookup("#sources").queryAs(ListView.class);
    return list.getItems().isEmpty() ? -1 : list.getItems().get(0).indexed();
  }

  /** The watch style class of the (only) source's badge, or null when it shows none. */
  String badge() {
    return lookup(".watch-badge").queryAll().stream().filter(javafx.scene.Node::isVisible)
        .flatMap(n -> n.getStyleClass().stream()).filter(c -> c.startsWith("watch-") && !c.equals("watch-badge"))
        .findFirst().orElse(null);
  }

  void search(String q) throws Exception {
    fx.search(q);
    waitFor("summary of " + q, () -> summary().contains("files"));
  }

  /** Picks a reranker from the menu by mouse, or "No re-ranking" for null. */
  void chooseReranker(String model) throws Exception {
    waitFor("rerank menu filled", () -> view.search().rerankMenu().getItems().size() > 1);
    RerankChoice want = model == null ? RerankChoice.OFF
        : new RerankChoice(RerankChoice.Kind.BI_ENCODER, model);
    if (want.equals(view.search().rerankMenu().getValue())) {
      return;
    }
    clickOn("#rerank");
    clickOn(want.label());
    waitFor("menu set", () -> want.equals(view.search().rerankMenu().getValue()));
  }

  String summary() {
    return lookup("#search-summary").queryLabeled().getText();
  }

  List<String> visibleBadges() {
    // cells in list order: sort by their position on screen
    return lookup(".rank-change").queryAll().stream().filter(javafx.scene.Node::isVisible)
        .filter(n -> n.getScene() != null && n.localToScene(0, 0) != null)
        .sorted(java.util.Comparator.comparingDouble(n -> n.localToScene(0, 0).getY()))
        .map(n -> ((Label) n).getText()).toList();
  }

  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return to;
  }
}
