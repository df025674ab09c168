package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.catalog.FileRecord;
import io.sextant.services.catalog.FileStatus;
import io.sextant.services.engine.Engine;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchRequest;
import io.sextant.views.common.UiState;
import io.sextant.views.explore.ScatterPlot;
import io.sextant.views.workbench.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The Explore tab on a real engine (int8 MiniLM, the sample documents): a map, clusters with
 * names, the Search pane's query on the map, and a click on a point in the Inspector.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExploreWindowTest extends FxRobot {

  @TempDir static Path temp;
  WindowFixture fx;
  EvaluationBackend judgments;
  WorkbenchView view;

  @BeforeAll
  void openWindow() throws Exception {
    fx = WindowFixture.open(temp.resolve("workspace"), WindowFixture.MODEL);
    // the same judgments store feeds the Search list's one-key judging and the map, as in GuiLauncher
    judgments = fx.evaluation();
    view = fx.show(() -> new WorkbenchView(fx.backend, UiState.inMemory(), null,
        new ExploreBackend(fx.engine, fx.wiring.tasks(), judgments, 2), null, null, judgments));
    fx.indexSampleCorpus();
  }

  @AfterAll
  void closeWindow() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void mapClustersQueryOverlayJudgedFilesAndClickToInspector() throws Exception {
    fx.search(WindowFixture.TIDES_QUERY);
    // judge the top hit relevant with one key, and a file the top 10 miss through the same store
    String top = view.search().results().getItems().get(0).docKey();
    interact(() -> {
      view.search().results().requestFocus();
      view.search().results().getSelectionModel().select(0);
    });
    type(KeyCode.DIGIT2);
    WindowFixture.waitFor("judged", () -> judgments.of(WindowFixture.TIDES_QUERY).join().containsKey(top));
    Engine e = fx.engineNow();
    Set<String> top10 = e.search(SearchRequest.builder(WindowFixture.TIDES_QUERY,
        view.search().shownMode()).modelId(WindowFixture.MODEL).k(10).build()).hits().stream()
        .map(DocHit::docKey).collect(Collectors.toSet());
    String missed = e.catalog().sources().stream()
        .flatMap(src -> e.catalog().files(src.id()).stream())
        .filter(f -> f.status() == FileStatus.INDEXED && !top10.contains(f.path()))
        .map(FileRecord::path).findFirst().orElseThrow();
    judgments.judge(WindowFixture.TIDES_QUERY, missed, 1).get();
    clickOn("#query");
    press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.PAGE_DOWN)
        .release(javafx.scene.input.KeyCode.PAGE_DOWN, javafx.scene.input.KeyCode.CONTROL);
    WindowFixture.waitFor("Explore tab", () -> view.centre().getSelectionModel().getSelectedIndex() == 1);

    clickOn("#explore-umap");
    clickOn("#explore-compute");
    Label summary = lookup("#explore-summary").queryAs(Label.class);
    WindowFixture.waitFor("map", () -> summary.getText().contains("passages ·"));
    assertTrue(summary.getText().contains("UMAP n=15"), summary.getText());

    ScatterPlot plot = view.explore().plot();
    WindowFixture.waitFor("query on the map", () -> plot.markers().stream()
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
    fx.shot("explore-judged-overlay.png");

    clickOn("#explore-cluster");
    VBox legend = lookup(".legend").queryAs(VBox.class);
    WindowFixture.waitFor("cluster legend", () -> legend.getChildren().size() >= 2);
    String names = legend.getChildren().stream().map(n -> ((Label) n).getText()).toList().toString();
    assertTrue(names.contains("·"), "clusters are named by their words: " + names);

    // a click on a point shows its passage in the Inspector; the point is one the legend (pickable,
    // top right over the plot) does not cover, since UMAP's layout varies from run to run
    var map = view.explore().map();
    var t = plot.transform();
    var covered = plot.sceneToLocal(legend.localToScene(legend.getBoundsInLocal()));
    int picked = -1;
    for (int i = 0; i < map.xs().length && picked < 0; i++) {
      double x = t.toScreenX(map.xs()[i]);
      double y = t.toScreenY(map.ys()[i]);
      boolean inside = x > 20 && y > 20 && x < plot.getWidth() - 20 && y < plot.getHeight() - 20;
      if (inside && !covered.contains(x, y) && plot.pointAt(x, y) == i) {
        picked = i;
      }
    }
    assertTrue(picked >= 0, "some point lies in the open part of the plot");
    var onScreen = plot.localToScreen(t.toScreenX(map.xs()[picked]), t.toScreenY(map.ys()[picked]));
    String title = map.items().get(picked).title();
    clickOn(onScreen);
    WindowFixture.waitFor("inspector shows the point",
        () -> lookup("#inspector-title").queryLabeled().getText().equals(title));
  }

  static List<String> labels(ScatterPlot plot, ScatterPlot.Marker.Kind kind) {
    return plot.markers().stream().filter(m -> m.kind() == kind).map(ScatterPlot.Marker::label).toList();
  }
}
