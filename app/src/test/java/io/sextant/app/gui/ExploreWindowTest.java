package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.app.TestWiring;
import io.sextant.app.Wiring;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.catalog.FileStatus;
import io.sextant.services.engine.Engine;
import io.sextant.services.judgments.DocIds;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Lane;
import io.sextant.views.common.UiState;
import io.sextant.views.explore.ScatterPlot;
import io.sextant.views.workbench.WorkbenchView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Explore tab on a real engine (int8 MiniLM, the sample documents): a map, clusters with
 * names, the Search pane's query on the map, and a click on a point in the Inspector.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExploreWindowTest extends FxRobot {

  @TempDir static Path temp;
  Wiring wiring;
  CompletableFuture<Engine> engine;
  EvaluationBackend judgments;
  WorkbenchView view;
  Stage stage;

  @BeforeAll
  void openWindow() throws Exception {
    Assumptions.assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank(),
        "no display: scripts/test starts Xvfb when it is installed");
    wiring = TestWiring.create();
    engine = wiring.tasks().submit(Lane.IO, "open", () -> wiring.openEngine(temp.resolve("workspace"),
        c -> c.withModels(List.of(WorkbenchWindowTest.MODEL))));
    EngineBackend backend = new EngineBackend(engine, wiring.tasks(), new FileActions() {
      @Override
      public void open(Path file) {}

      @Override
      public void reveal(Path file) {}
    }, false, () -> "");
    // the same judgments store feeds the Search list's one-key judging and the map, as in GuiLauncher
    judgments = new EvaluationBackend(engine, wiring.tasks(), DocIds.PATH);
    stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(() -> {
      view = new WorkbenchView(backend, UiState.inMemory(), null,
          new ExploreBackend(engine, wiring.tasks(), judgments, 2), null, null, judgments);
      try {
        view.show(stage);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    WorkbenchWindowTest.waitFor("workspace described", () -> stage.getTitle().contains("workspace"));
    interact(() -> view.ingest(List.of(WorkbenchWindowTest.sampleCorpus())));
    WorkbenchWindowTest.waitFor("sample indexed", () -> view.statusText().startsWith("Indexed "));
  }

  @AfterAll
  void closeWindow() throws Exception {
    if (wiring == null) {
      return;
    }
    FxToolkit.cleanupStages();
    judgments.close();
    engine.get().close();
    wiring.close();
  }

  @Test
  void mapClustersQueryOverlayJudgedFilesAndClickToInspector() throws Exception {
    clickOn("#query").eraseText(40);
    write(WorkbenchWindowTest.TIDES_QUERY);
    WorkbenchWindowTest.waitFor("results", () -> WorkbenchWindowTest.TIDES_QUERY.equals(view.search().shownQuery())
        && !view.search().results().getItems().isEmpty());
    // judge the top hit relevant with one key, and a file the top 10 miss through the same store
    String top = view.search().results().getItems().get(0).docKey();
    interact(() -> {
      view.search().results().requestFocus();
      view.search().results().getSelectionModel().select(0);
    });
    type(KeyCode.DIGIT2);
    WorkbenchWindowTest.waitFor("judged", () -> judgments.of(WorkbenchWindowTest.TIDES_QUERY).join().containsKey(top));
    Engine e = engine.get();
    Set<String> top10 = e.search(SearchRequest.builder(WorkbenchWindowTest.TIDES_QUERY,
        view.search().shownMode()).modelId(WorkbenchWindowTest.MODEL).k(10).build()).hits().stream()
        .map(DocHit::docKey).collect(Collectors.toSet());
    String missed = e.catalog().sources().stream()
        .flatMap(src -> e.catalog().files(src.id()).stream())
        .filter(f -> f.status() == FileStatus.INDEXED && !top10.contains(f.path()))
        .map(FileRecord::path).findFirst().orElseThrow();
    judgments.judge(WorkbenchWindowTest.TIDES_QUERY, missed, 1).get();
    clickOn("#query");
    press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.PAGE_DOWN)
        .release(javafx.scene.input.KeyCode.PAGE_DOWN, javafx.scene.input.KeyCode.CONTROL);
    WorkbenchWindowTest.waitFor("Explore tab", () -> view.centre().getSelectionModel().getSelectedIndex() == 1);

    clickOn("#explore-umap");
    clickOn("#explore-compute");
    Label summary = lookup("#explore-summary").queryAs(Label.class);
    WorkbenchWindowTest.waitFor("map", () -> summary.getText().contains("passages ·"));
    assertTrue(summary.getText().contains("UMAP n=15"), summary.getText());

    ScatterPlot plot = view.explore().plot();
    WorkbenchWindowTest.waitFor("query on the map", () -> plot.markers().stream()
        .anyMatch(m -> m.kind() == ScatterPlot.Marker.Kind.QUERY));
    assertTrue(plot.markers().stream().anyMatch(m -> m.kind() == ScatterPlot.Marker.Kind.HIT
        && m.label().toLowerCase().contains("tide")), () -> "hits: " + plot.markers());
    // the judged files: the top hit found, the other one marked as a miss
    var map0 = view.explore().map();
    String topTitle = map0.items().stream().filter(i -> i.docKey().equals(top)).findFirst().orElseThrow().title();
    String missedTitle = map0.items().stream().filter(i -> i.docKey().equals(missed)).findFirst().orElseThrow().title();
    assertEquals(List.of(topTitle), labels(plot, ScatterPlot.Marker.Kind.RELEVANT));
    assertEquals(List.of(missedTitle), labels(plot, ScatterPlot.Marker.Kind.RELEVANT_MISSED));
    assertTrue(view.explore().overlayKeyText().contains("2 judged relevant: 1 found, 1 missed"),
        view.explore().overlayKeyText());
    shot("explore-judged-overlay.png");

    clickOn("#explore-cluster");
    VBox legend = lookup(".legend").queryAs(VBox.class);
    WorkbenchWindowTest.waitFor("cluster legend", () -> legend.getChildren().size() >= 2);
    String names = legend.getChildren().stream().map(n -> ((Label) n).getText()).toList().toString();
    assertTrue(names.contains("·"), "clusters are named by their words: " + names);

    // a click on a point shows its passage in the Inspector
    var map = view.explore().map();
    int target = 0;
    var t = plot.transform();
    var onScreen = plot.localToScreen(t.toScreenX(map.xs()[target]), t.toScreenY(map.ys()[target]));
    int picked = plot.pointAt(t.toScreenX(map.xs()[target]), t.toScreenY(map.ys()[target]));
    String title = map.items().get(picked).title();
    clickOn(onScreen);
    WorkbenchWindowTest.waitFor("inspector shows the point",
        () -> lookup("#inspector-title").queryLabeled().getText().equals(title));
  }

  static List<String> labels(ScatterPlot plot, ScatterPlot.Marker.Kind kind) {
    return plot.markers().stream().filter(m -> m.kind() == kind).map(ScatterPlot.Marker::label).toList();
  }

  /** With SEXTANT_SCREENSHOTS=DIR, saves the window as DIR/name. */
  void shot(String name) throws Exception {
    String dir = System.getenv("SEXTANT_SCREENSHOTS");
    if (dir == null || dir.isBlank()) {
      return;
    }
    Thread.sleep(500);
    CompletableFuture<javafx.scene.image.WritableImage> snap = new CompletableFuture<>();
    javafx.application.Platform.runLater(() -> snap.complete(stage.getScene().snapshot(null)));
    var img = snap.get(10, java.util.concurrent.TimeUnit.SECONDS);
    var out = new java.awt.image.BufferedImage((int) img.getWidth(), (int) img.getHeight(),
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        out.setRGB(x, y, img.getPixelReader().getArgb(x, y));
      }
    }
    java.nio.file.Files.createDirectories(Path.of(dir));
    javax.imageio.ImageIO.write(out, "png", Path.of(dir).resolve(name).toFile());
  }
}
