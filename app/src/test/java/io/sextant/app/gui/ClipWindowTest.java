package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.app.TestWiring;
import io.sextant.app.Wiring;
import io.sextant.services.clip.ClipModels;
import io.sextant.services.engine.Engine;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.search.DocHit;
import io.sextant.services.task.Cancellation;
import io.sextant.views.common.UiState;
import io.sextant.views.explore.MapData;
import io.sextant.views.explore.ScatterPlot;
import io.sextant.views.workbench.WorkbenchView;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Images in the workbench with the tiny generated CLIP model (random weights, so only states are
 * checked, not rankings): image hits with thumbnails among documents, an image dropped on the
 * search box searches by example, and the Inspector shows an image's facts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipWindowTest extends FxRobot {
  @TempDir static Path temp;
  WindowFixture fx;
  WorkbenchView view;
  Path folder;
  String clipId;

  static void picture(Path file, Color bg, Color fg) throws IOException {
    BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(bg);
    g.fillRect(0, 0, 160, 120);
    g.setColor(fg);
    g.fillOval(40, 30, 80, 60);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  @BeforeAll
  void openWindow() throws Exception {
    WindowFixture.assumeDisplay();
    Wiring wiring = TestWiring.create();
    clipId = "tiny-gui-" + Long.toString(System.nanoTime(), 36);
    Path tiny = Path.of("..", "services", "src", "test", "resources", "clip-tiny").toAbsolutePath().normalize();
    new ClipModels(wiring.models().modelsDir()).importFolder(tiny, clipId);
    folder = Files.createDirectories(temp.resolve("photos"));
    picture(folder.resolve("sun.png"), Color.BLUE, Color.YELLOW);
    picture(folder.resolve("leaf.png"), Color.WHITE, Color.GREEN);
    if (System.getenv("SEXTANT_SCREENSHOTS") != null) {
      // real pictures for the documentation screenshots (sample-corpora/images, CC0/public domain)
      try (var s = Files.list(Path.of("..", "sample-corpora", "images"))) {
        for (Path p : s.toList()) {
          Files.copy(p, folder.resolve(p.getFileName()));
        }
      }
    }
    Files.writeString(folder.resolve("sun-notes.txt"), "Notes about the sun, the sky and a sunny beach.\n");
    Engine engine = wiring.openEngine(temp.resolve("workspace"), c -> c.withModels(List.of(WindowFixture.MODEL)));
    engine.useClipModel(clipId);
    engine.ingest(List.of(folder), IngestListener.NONE, new Cancellation());
    fx = WindowFixture.of(wiring, engine);
    view = fx.show(() -> new WorkbenchView(fx.backend, UiState.inMemory(), null,
        new ExploreBackend(fx.engine, wiring.tasks(), null, 2)));
  }

  @AfterAll
  void closeWindow() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void imagesJoinTheResultsWithThumbnailsAndAnImageDropSearchesByExample() throws Exception {
    fx.search("sunny beach");
    ListView<DocHit> results = view.search().results();
    WindowFixture.waitFor("mixed results", () -> results.getItems().stream().anyMatch(h -> h.kind() == DocHit.Kind.IMAGE)
        && results.getItems().stream().anyMatch(h -> h.kind() == DocHit.Kind.DOCUMENT));
    WindowFixture.waitFor("a thumbnail", () -> lookup(".result-thumb").queryAll().stream()
        .anyMatch(n -> n.isVisible() && ((ImageView) n).getImage() != null));

    // the grid toggle appears with image results and shows them as thumbnails
    WindowFixture.waitFor("grid toggle", () -> lookup("#image-grid-toggle").query().isVisible());
    clickOn("#image-grid-toggle");
    WindowFixture.waitFor("grid shown", () -> lookup("#image-grid").query().isVisible()
        && !lookup("#results").query().isVisible());
    fx.shot("clip-image-grid.png");
    clickOn("#image-grid-toggle");
    WindowFixture.waitFor("list back", () -> lookup("#results").query().isVisible());

    fx.drop(lookup("#query").query(), List.of(folder.resolve("leaf.png")));
    WindowFixture.waitFor("images like leaf.png", () ->
        lookup("#search-summary").queryLabeled().getText().startsWith("Images like leaf.png")
            && !results.getItems().isEmpty());
    assertEquals(folder.resolve("leaf.png").toString(), results.getItems().get(0).path());
    assertEquals(DocHit.Kind.IMAGE, results.getItems().get(0).kind());
    assertEquals(System.getenv("SEXTANT_SCREENSHOTS") != null ? 7 : 2, results.getItems().size());
    fx.shot("clip-search-by-example.png");

    // the first hit is selected: the Inspector shows the image's facts
    WindowFixture.waitFor("inspector", () -> lookup("#inspector-title").queryLabeled().getText().equals("leaf.png")
        && lookup(".meta-value").queryAll().stream().anyMatch(n -> ((javafx.scene.control.Label) n).getText().contains("160 × 120")));
  }

  @Test
  void theClipModelMapsTheImagesAndHoverShowsAThumbnail() throws Exception {
    fx.search("sunny beach");
    interact(() -> view.centre().getSelectionModel().select(view.centre().getTabs().stream()
        .filter(t -> t.getContent() == view.explore().root()).findFirst().orElseThrow()));
    @SuppressWarnings("unchecked")
    ComboBox<String> models = lookup("#explore-model").queryAs(ComboBox.class);
    WindowFixture.waitFor("CLIP model offered", () -> models.getItems().contains(clipId));
    interact(() -> models.setValue(clipId));
    clickOn("#explore-compute");
    Label summary = lookup("#explore-summary").queryAs(Label.class);
    WindowFixture.waitFor("map of the images", () -> summary.getText().contains("images ·"));
    var map = view.explore().map();
    assertEquals(System.getenv("SEXTANT_SCREENSHOTS") != null ? 7 : 2, map.size());
    assertTrue(map.items().stream().allMatch(MapData.MapItem::image));

    // the query on the image map: CLIP's text side ranks the images
    ScatterPlot plot = view.explore().plot();
    WindowFixture.waitFor("query and hits on the map", () -> plot.markers().stream()
        .anyMatch(m -> m.kind() == ScatterPlot.Marker.Kind.QUERY)
        && plot.markers().stream().anyMatch(m -> m.kind() == ScatterPlot.Marker.Kind.HIT));

    // the lowest point on screen: clear of the legend and the key in the plot's top corners
    var t = plot.transform();
    int target = 0;
    for (int i = 1; i < map.size(); i++) {
      if (t.toScreenY(map.ys()[i]) > t.toScreenY(map.ys()[target])) {
        target = i;
      }
    }
    int picked = plot.pointAt(t.toScreenX(map.xs()[target]), t.toScreenY(map.ys()[target]));
    moveTo(plot.localToScreen(plot.getWidth() / 2, plot.getHeight() / 2));
    moveTo(plot.localToScreen(t.toScreenX(map.xs()[picked]), t.toScreenY(map.ys()[picked])));
    WindowFixture.waitFor("thumbnail in the hover box", () -> view.explore().hoverThumbnail() != null
        && view.explore().hoverThumbnail().getProgress() == 1 && view.explore().hoverThumbnail().getWidth() > 0);
    fx.shot("explore-image-hover.png");
  }
}
