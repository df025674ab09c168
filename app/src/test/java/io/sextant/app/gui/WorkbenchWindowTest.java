package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.javafx.scene.input.DragboardHelper;
import io.sextant.app.SampleCorpus;
import io.sextant.app.TestWiring;
import io.sextant.app.Wiring;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.engine.Engine;
import io.sextant.services.search.DocHit;
import io.sextant.services.task.Lane;
import io.sextant.views.common.Theme;
import io.sextant.views.common.UiState;
import io.sextant.views.workbench.WorkbenchView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench window on a real engine (int8 MiniLM, real Lucene index and SQLite catalog) with
 * the repository's sample documents, driven by TestFX's robot under a real (virtual) display.
 * Only the desktop hand-off (open / show in folder) is recorded instead of run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchWindowTest extends FxRobot {

  static final String MODEL = "all-minilm-l6-v2-q";
  static final String TIDES_QUERY = "why does the sea rise and fall twice a day";

  @TempDir static Path temp;
  Wiring wiring;
  CompletableFuture<Engine> engine;
  WorkbenchView view;
  Stage stage;
  UiState state;
  final List<String> desktop = new CopyOnWriteArrayList<>();

  @BeforeAll
  void openWindow() throws Exception {
    Assumptions.assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank(),
        "no display: scripts/test starts Xvfb when it is installed");
    wiring = TestWiring.create();
    engine = wiring.tasks().submit(Lane.IO, "open", () ->
        wiring.openEngine(temp.resolve("workspace"), c -> c.withModels(List.of(MODEL))));
    FileActions recorder = new FileActions() {
      @Override
      public void open(Path file) {
        desktop.add("open " + file);
      }

      @Override
      public void reveal(Path file) {
        desktop.add("reveal " + file);
      }
    };
    EngineBackend backend = new EngineBackend(engine, wiring.tasks(), recorder, false, () -> "");
    state = UiState.inMemory();
    stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(() -> {
      view = new WorkbenchView(backend, state, null);
      try {
        view.show(stage);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    waitFor("workspace described", () -> stage.getTitle().contains("workspace"));
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

  @BeforeEach
  void sampleIsIndexed() throws Exception {
    if (listView("#sources").getItems().isEmpty()) {
      drop(sampleCorpus());
      waitFor("sample indexed", () -> !view.library().busyProperty().get()
          && !listView("#sources").getItems().isEmpty());
    }
  }

  @Test
  void droppingTheSampleFolderIndexesItAndAQueryShowsTheTidesDocumentFirst() throws Exception {
    // the drop happened in sampleIsIndexed; here: what it did
    assertTrue(view.statusText().startsWith("Indexed 14 files"), view.statusText());
    replaceQuery();
    write(TIDES_QUERY);
    ListView<DocHit> results = view.search().results();
    waitFor("results", () -> TIDES_QUERY.equals(view.search().shownQuery()) && !results.getItems().isEmpty()
        && lookup("#search-summary").queryLabeled().getText().contains("files"));
    assertTrue(results.getItems().get(0).path().endsWith("tides-and-the-moon.pdf"),
        () -> "first hit: " + results.getItems().get(0).path());
    // the first hit is selected and shown in the inspector
    waitFor("inspector", () -> lookup("#inspector-title").queryLabeled().getText().contains("Tide"));
  }

  @Test
  void theBrokenFileIsListedUnderProblemsWithItsReason() throws Exception {
    ListView<FileRecord> problems = listView("#problems");
    waitFor("problems", () -> !problems.getItems().isEmpty());
    FileRecord broken = problems.getItems().stream()
        .filter(f -> f.path().endsWith("damaged-report.pdf")).findFirst().orElseThrow();
    assertFalse(broken.error().isBlank());
    assertTrue(broken.error().toLowerCase().contains("pdf"), broken.error());
    assertEquals("Problems (" + problems.getItems().size() + ")",
        ((javafx.scene.control.TitledPane) lookup("#problems-pane").query()).getText());
  }

  @Test
  void keyboardAloneSearchesMovesThroughResultsOpensAndReveals() throws Exception {
    clickOn("#inspector-title"); // focus somewhere else first
    press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
    TextField query = lookup("#query").queryAs(TextField.class);
    waitFor("query focused", query::isFocused);
    write("sourdough starter feeding");
    ListView<DocHit> results = view.search().results();
    // the full query's results, not a prefix's: a late list would replace the selection below
    waitFor("results", () -> "sourdough starter feeding".equals(view.search().shownQuery())
        && results.getItems().size() >= 3
        && results.getItems().get(0).path().endsWith("sourdough-starter-care.md"));

    type(KeyCode.DOWN);
    waitFor("list focused on the first result", () -> results.isFocused()
        && results.getSelectionModel().getSelectedIndex() == 0);
    type(KeyCode.DOWN);
    waitFor("second result selected", () -> results.getSelectionModel().getSelectedIndex() == 1);
    DocHit second = results.getItems().get(1);
    waitFor("inspector follows", () -> lookup("#inspector-title").queryLabeled().getText().equals(second.title()));

    desktop.clear();
    type(KeyCode.ENTER);
    press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
    waitFor("desktop calls", () -> desktop.size() == 2);
    assertEquals(List.of("open " + second.path(), "reveal " + second.path()), desktop);

    type(KeyCode.UP, 2); // past the first result, back into the search box
    waitFor("query focused again", query::isFocused);
  }

  @Test
  void findSimilarListsOtherPassagesNearestTheSelectedOne() throws Exception {
    replaceQuery();
    write(TIDES_QUERY);
    ListView<DocHit> results = view.search().results();
    waitFor("results", () -> TIDES_QUERY.equals(view.search().shownQuery()) && !results.getItems().isEmpty()
        && results.getItems().get(0).path().endsWith("tides-and-the-moon.pdf"));
    waitFor("inspector", () -> lookup("#inspector-title").queryLabeled().getText().contains("Tide"));
    String selectedChunk = view.inspector().current().chunk().chunkId();
    clickOn("#inspector-similar");
    waitFor("similar list", () -> lookup("#search-summary").queryLabeled().getText().startsWith("Like "));
    assertFalse(results.getItems().isEmpty());
    for (DocHit d : results.getItems()) {
      d.chunks().forEach(c -> assertNotEquals(selectedChunk, c.chunkId(), "the passage itself is not listed"));
    }
  }

  @Test
  void themeShortcutSwitchesToDarkAndRemembersIt() throws Exception {
    Theme before = view.theme();
    press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
    waitFor("other theme", () -> view.theme() == before.other());
    assertTrue(stage.getScene().getRoot().getStyleClass().contains(
        before.other() == Theme.DARK ? "theme-dark" : "theme-light"));
    assertEquals(before.other().name(), state.get("theme", ""));
    press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
    waitFor("theme back", () -> view.theme() == before);
  }

  @Test
  void removingASourceFromItsMenuEmptiesTheLibraryAndTheResults() throws Exception {
    replaceQuery();
    write("sourdough");
    ListView<DocHit> results = view.search().results();
    waitFor("results", () -> !results.getItems().isEmpty());
    rightClickOn("#sources .list-cell");
    clickOn("Remove from workspace…");
    clickOn("OK");
    waitFor("library empty", () -> listView("#sources").getItems().isEmpty());
    waitFor("results gone", results.getItems()::isEmpty);
    assertTrue(view.statusText().startsWith("Removed "), view.statusText());
    assertTrue(java.nio.file.Files.exists(sampleCorpus().resolve("sourdough-starter-care.md")));
  }

  // ------------------------------------------------------------------ helpers

  static Path sampleCorpus() {
    return SampleCorpus.under(Path.of("..")).orElseThrow(() -> new IllegalStateException("no sample-corpora"));
  }

  /** Drops a folder on the window the way the platform delivers a drag from a file manager. */
  void drop(Path folder) throws Exception {
    Class.forName(Dragboard.class.getName(), true, Dragboard.class.getClassLoader());
    CompletableFuture<Void> done = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        Dragboard board = DragboardHelper.createDragboard(new FileDrag(List.of(folder.toFile())));
        Scene scene = stage.getScene();
        Node target = lookup("#results").query();
        var at = target.localToScene(20, 20);
        var onScreen = target.localToScreen(20, 20);
        DragEvent over = new DragEvent(DragEvent.DRAG_OVER, board, at.getX(), at.getY(),
            onScreen.getX(), onScreen.getY(), TransferMode.COPY, null, target, null);
        javafx.event.Event.fireEvent(target, over);
        DragEvent dropped = new DragEvent(DragEvent.DRAG_DROPPED, board, at.getX(), at.getY(),
            onScreen.getX(), onScreen.getY(), TransferMode.COPY, null, target, null);
        javafx.event.Event.fireEvent(target, dropped);
        assertTrue(scene.getRoot().getStyleClass().stream().noneMatch("drop-hover"::equals));
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
    private final List<java.io.File> files;

    FileDrag(List<java.io.File> files) {
      this.files = List.copyOf(files);
    }

    @Override
    public java.util.Set<DataFormat> getContentTypes() {
      return java.util.Set.of(DataFormat.FILES);
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
    public java.util.Set<TransferMode> getTransferModes() {
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

  /** Clicks in the search box and selects all its text, so what is written next replaces it. */
  void replaceQuery() {
    clickOn("#query");
    press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
  }

  @SuppressWarnings("unchecked")
  <T> ListView<T> listView(String id) {
    return (ListView<T>) lookup(id).queryAs(ListView.class);
  }

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
}
