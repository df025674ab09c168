package io.sextant.app.gui;

import com.sun.javafx.scene.input.DragboardHelper;
import io.sextant.app.SampleCorpus;
import io.sextant.app.TestWiring;
import io.sextant.app.Wiring;
import io.sextant.services.engine.Engine;
import io.sextant.services.judgments.DocIds;
import io.sextant.services.task.Lane;
import io.sextant.views.workbench.WorkbenchView;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What every workbench window test needs: a real engine on a temporary workspace (real models,
 * Lucene index and SQLite catalog), the engine adapter with the desktop hand-off recorded instead
 * of run, the window on TestFX's primary stage, the sample documents, and the waits and inputs
 * that keep the tests honest on a loaded machine (wait for a condition, never for a time).
 * Create it in {@code @BeforeAll} and close it in {@code @AfterAll}.
 */
final class WindowFixture implements AutoCloseable {

  static final String MODEL = "all-minilm-l6-v2-q";
  static final String TIDES_QUERY = "why does the sea rise and fall twice a day";

  final Wiring wiring;
  final CompletableFuture<Engine> engine;
  /** "open PATH" and "reveal PATH" for each desktop hand-off, in order. */
  final List<String> desktop = new CopyOnWriteArrayList<>();
  final EngineBackend backend;
  private final FxRobot robot = new FxRobot();
  private EvaluationBackend evaluation;
  private Stage stage;
  private WorkbenchView view;

  private WindowFixture(Wiring wiring, CompletableFuture<Engine> engine) {
    this.wiring = wiring;
    this.engine = engine;
    this.backend = new EngineBackend(engine, wiring.tasks(), new FileActions() {
      @Override
      public void open(Path file) {
        desktop.add("open " + file);
      }

      @Override
      public void reveal(Path file) {
        desktop.add("reveal " + file);
      }
    }, false, () -> "");
  }

  /** Skips the test class (rather than failing it) where there is no display. */
  static void assumeDisplay() {
    Assumptions.assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank(),
        "no display: scripts/test starts Xvfb when it is installed");
  }

  /** A workspace in {@code folder} with {@code models}, opened in the background as the app does. */
  static WindowFixture open(Path folder, String... models) {
    assumeDisplay();
    Wiring wiring = TestWiring.create();
    return new WindowFixture(wiring, wiring.tasks().submit(Lane.IO, "open workspace",
        () -> wiring.openEngine(folder, c -> c.withModels(List.of(models)))));
  }

  /** An engine the test has already opened (and set up) with {@code wiring}. */
  static WindowFixture of(Wiring wiring, Engine engine) {
    return new WindowFixture(wiring, CompletableFuture.completedFuture(engine));
  }

  /** Judgments, Compare and Evaluate over the workspace's judgments.db (one store, as GuiLauncher has). */
  EvaluationBackend evaluation() {
    if (evaluation == null) {
      evaluation = new EvaluationBackend(engine, wiring.tasks(), DocIds.PATH);
    }
    return evaluation;
  }

  /** Builds the window on the FX thread, shows it, and waits until it describes the workspace. */
  WorkbenchView show(Supplier<WorkbenchView> make) throws Exception {
    stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(() -> {
      view = make.get();
      try {
        view.show(stage);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    waitFor("workspace described", () -> stage.getTitle().contains("workspace"));
    return view;
  }

  Stage stage() {
    return stage;
  }

  Engine engineNow() throws Exception {
    return engine.get();
  }

  /** Indexes the repository's sample documents through the window and waits until they are in. */
  void indexSampleCorpus() throws Exception {
    robot.interact(() -> view.ingest(List.of(sampleCorpus())));
    waitFor("sample indexed", () -> view.statusText().startsWith("Indexed "));
  }

  /**
   * Types {@code query} over whatever the search box holds and waits until that query's own
   * results are shown: search runs as you type, so results for a prefix come first and a test
   * that acted on them would judge or select the wrong list.
   */
  void search(String query) throws TimeoutException {
    robot.clickOn("#query");
    robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    robot.write(query);
    waitFor("results of \"" + query + "\"", () -> query.equals(view.search().shownQuery())
        && !view.search().results().getItems().isEmpty());
  }

  /** Closes the window, the judgments file, the engine and the wiring (whatever was opened). */
  @Override
  public void close() throws IOException, TimeoutException {
    FxToolkit.cleanupStages();
    if (evaluation != null) {
      evaluation.close();
    }
    engine.join().close();
    wiring.close();
  }

  static Path sampleCorpus() {
    return SampleCorpus.under(Path.of("..")).orElseThrow(() -> new IllegalStateException("no sample-corpora"));
  }

  /** Waits up to 90 s for {@code condition}, letting the FX thread run between looks. */
  static void waitFor(String what, Supplier<Boolean> condition) throws TimeoutException {
    try {
      WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
        WaitForAsyncUtils.waitForFxEvents();
        return condition.get();
      });
    } catch (TimeoutException e) {
      throw new TimeoutException("timed out waiting for " + what);
    }
  }

  /**
   * With SEXTANT_SCREENSHOTS=DIR, saves the window as DIR/name (how the docs' window screenshots
   * are made); otherwise does nothing.
   */
  void shot(String name) throws Exception {
    String dir = System.getenv("SEXTANT_SCREENSHOTS");
    if (dir == null || dir.isBlank()) {
      return;
    }
    Thread.sleep(800); // thumbnails and the last layout pass land a moment after the data
    CompletableFuture<WritableImage> snap = new CompletableFuture<>();
    Platform.runLater(() -> snap.complete(stage.getScene().snapshot(null)));
    WritableImage img = snap.get(10, TimeUnit.SECONDS);
    BufferedImage out = new BufferedImage((int) img.getWidth(), (int) img.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        out.setRGB(x, y, img.getPixelReader().getArgb(x, y));
      }
    }
    Files.createDirectories(Path.of(dir));
    ImageIO.write(out, "png", Path.of(dir).resolve(name).toFile());
  }

  /** Drops files on {@code target} the way the platform delivers a drag from a file manager. */
  void drop(Node target, List<Path> files) throws Exception {
    Class.forName(Dragboard.class.getName(), true, Dragboard.class.getClassLoader());
    CompletableFuture<Void> done = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        Dragboard board = DragboardHelper.createDragboard(new FileDrag(files.stream().map(Path::toFile).toList()));
        var at = target.localToScene(20, 10);
        var onScreen = target.localToScreen(20, 10);
        Event.fireEvent(target, new DragEvent(DragEvent.DRAG_OVER, board, at.getX(), at.getY(),
            onScreen.getX(), onScreen.getY(), TransferMode.COPY, null, target, null));
        Event.fireEvent(target, new DragEvent(DragEvent.DRAG_DROPPED, board, at.getX(), at.getY(),
            onScreen.getX(), onScreen.getY(), TransferMode.COPY, null, target, null));
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }

  /**
   * What the platform's drag source hands JavaFX when files are dragged in from a file manager:
   * the file list, offered for copy or move.
   */
  static final class FileDrag implements com.sun.javafx.tk.TKClipboard {
    private final List<File> files;

    FileDrag(List<File> files) {
      this.files = List.copyOf(files);
    }

    @Override
    public Set<DataFormat> getContentTypes() {
      return Set.of(DataFormat.FILES);
    }

    @SafeVarargs
    @Override
    public final boolean putContent(javafx.util.Pair<DataFormat, Object>... content) {
      return false; // a drop target only reads
    }

    @Override
    public Object getContent(DataFormat format) {
      return DataFormat.FILES.equals(format) ? files : null;
    }

    @Override
    public boolean hasContent(DataFormat format) {
      return DataFormat.FILES.equals(format);
    }

    @Override
    public Set<TransferMode> getTransferModes() {
      return java.util.EnumSet.of(TransferMode.COPY, TransferMode.MOVE);
    }

    @Override
    public void setDragView(javafx.scene.image.Image image) {}

    @Override
    public void setDragViewOffsetX(double x) {}

    @Override
    public void setDragViewOffsetY(double y) {}

    @Override
    public javafx.scene.image.Image getDragView() {
      return null;
    }

    @Override
    public double getDragViewOffsetX() {
      return 0;
    }

    @Override
    public double getDragViewOffsetY() {
      return 0;
    }
  }
}
