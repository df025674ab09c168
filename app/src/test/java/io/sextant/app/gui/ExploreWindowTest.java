package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.app.TestWiring;
import io.sextant.app.Wiring;
import io.sextant.services.engine.Engine;
import io.sextant.services.task.Lane;
import io.sextant.views.common.UiState;
import io.sextant.views.explore.ScatterPlot;
import io.sextant.views.workbench.WorkbenchView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(() -> {
      view = new WorkbenchView(backend, UiState.inMemory(), null,
          new ExploreBackend(engine, wiring.tasks(), null, 2));
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
    engine.get().close();
    wiring.close();
  }

  @Test
  void mapClustersQueryOverlayAndClickToInspector() throws Exception {
    clickOn("#query").eraseText(40);
    write(WorkbenchWindowTest.TIDES_QUERY);
    WorkbenchWindowTest.waitFor("results", () -> !view.search().results().getItems().isEmpty());
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
}
