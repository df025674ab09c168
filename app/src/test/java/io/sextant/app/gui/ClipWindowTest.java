package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.javafx.scene.input.DragboardHelper;
import io.sextant.app.TestWiring;
import io.sextant.app.Wiring;
import io.sextant.services.clip.ClipModels;
import io.sextant.services.engine.Engine;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.search.DocHit;
import io.sextant.services.task.Cancellation;
import io.sextant.views.common.UiState;
import io.sextant.views.workbench.WorkbenchView;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Images in the workbench with the tiny generated CLIP model (random weights, so only states are
 * checked, not rankings): image hits with thumbnails among documents, an image dropped on the
 * search box searches by example, and the Inspector shows an image's facts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipWindowTest extends FxRobot {
  @TempDir static Path temp;
  Wiring wiring;
  Engine engine;
  WorkbenchView view;
  Stage stage;
  Path folder;

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
    Assumptions.assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank(),
        "no display: scripts/test starts Xvfb when it is installed");
    wiring = TestWiring.create();
    String clipId = "tiny-gui-" + Long.toString(System.nanoTime(), 36);
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
    engine = wiring.openEngine(temp.resolve("workspace"), c -> c.withModels(List.of("all-minilm-l6-v2-q")));
    engine.useClipModel(clipId);
    engine.ingest(List.of(folder), IngestListener.NONE, new Cancellation());
    EngineBackend backend = new EngineBackend(CompletableFuture.completedFuture(engine), wiring.tasks(),
        new FileActions() {
          @Override
          public void open(Path file) {}

          @Override
          public void reveal(Path file) {}
        }, false, () -> "");
    stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(() -> {
      view = new WorkbenchView(backend, UiState.inMemory(), null);
      try {
        view.show(stage);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    WorkbenchWindowTest.waitFor("workspace described", () -> stage.getTitle().contains("workspace"));
  }

  @AfterAll
  void closeWindow() throws Exception {
    if (wiring == null) {
      return;
    }
    FxToolkit.cleanupStages();
    engine.close();
    wiring.close();
  }

  @Test
  void imagesJoinTheResultsWithThumbnailsAndAnImageDropSearchesByExample() throws Exception {
    clickOn("#query").eraseText(40);
    write("sunny beach");
    ListView<DocHit> results = view.search().results();
    WorkbenchWindowTest.waitFor("mixed results", () -> results.getItems().stream().anyMatch(h -> h.kind() == DocHit.Kind.IMAGE)
        && results.getItems().stream().anyMatch(h -> h.kind() == DocHit.Kind.DOCUMENT));
    WorkbenchWindowTest.waitFor("a thumbnail", () -> lookup(".result-thumb").queryAll().stream()
        .anyMatch(n -> n.isVisible() && ((ImageView) n).getImage() != null));

    // the grid toggle appears with image results and shows them as thumbnails
    WorkbenchWindowTest.waitFor("grid toggle", () -> lookup("#image-grid-toggle").query().isVisible());
    clickOn("#image-grid-toggle");
    WorkbenchWindowTest.waitFor("grid shown", () -> lookup("#image-grid").query().isVisible()
        && !lookup("#results").query().isVisible());
    shot("clip-image-grid.png");
    clickOn("#image-grid-toggle");
    WorkbenchWindowTest.waitFor("list back", () -> lookup("#results").query().isVisible());

    dropOnQuery(folder.resolve("leaf.png"));
    WorkbenchWindowTest.waitFor("images like leaf.png", () ->
        lookup("#search-summary").queryLabeled().getText().startsWith("Images like leaf.png")
            && !results.getItems().isEmpty());
    assertEquals(folder.resolve("leaf.png").toString(), results.getItems().get(0).path());
    assertEquals(DocHit.Kind.IMAGE, results.getItems().get(0).kind());
    assertEquals(System.getenv("SEXTANT_SCREENSHOTS") != null ? 7 : 2, results.getItems().size());
    shot("clip-search-by-example.png");

    // the first hit is selected: the Inspector shows the image's facts
    WorkbenchWindowTest.waitFor("inspector", () -> lookup("#inspector-title").queryLabeled().getText().equals("leaf.png")
        && lookup(".meta-value").queryAll().stream().anyMatch(n -> ((javafx.scene.control.Label) n).getText().contains("160 × 120")));
  }

  /**
   * With SEXTANT_SCREENSHOTS=DIR, saves the window as DIR/name (how docs/screenshots/clip-*.png
   * are made; random-weight model, so the rankings shown mean nothing).
   */
  void shot(String name) throws Exception {
    String dir = System.getenv("SEXTANT_SCREENSHOTS");
    if (dir == null || dir.isBlank()) {
      return;
    }
    Thread.sleep(800); // let thumbnails finish loading
    CompletableFuture<javafx.scene.image.WritableImage> snap = new CompletableFuture<>();
    Platform.runLater(() -> snap.complete(stage.getScene().snapshot(null)));
    var img = snap.get(10, TimeUnit.SECONDS);
    int w = (int) img.getWidth();
    int h = (int) img.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(x, y, img.getPixelReader().getArgb(x, y));
      }
    }
    Files.createDirectories(Path.of(dir));
    ImageIO.write(out, "png", Path.of(dir).resolve(name).toFile());
  }

  void dropOnQuery(Path file) throws Exception {
    Class.forName(Dragboard.class.getName(), true, Dragboard.class.getClassLoader());
    CompletableFuture<Void> done = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        Dragboard board = DragboardHelper.createDragboard(new WorkbenchWindowTest.FileDrag(List.of(file.toFile())));
        Node target = lookup("#query").query();
        var at = target.localToScene(10, 10);
        var onScreen = target.localToScreen(10, 10);
        javafx.event.Event.fireEvent(target, new DragEvent(DragEvent.DRAG_OVER, board, at.getX(), at.getY(),
            onScreen.getX(), onScreen.getY(), TransferMode.COPY, null, target, null));
        javafx.event.Event.fireEvent(target, new DragEvent(DragEvent.DRAG_DROPPED, board, at.getX(), at.getY(),
            onScreen.getX(), onScreen.getY(), TransferMode.COPY, null, target, null));
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }
}
