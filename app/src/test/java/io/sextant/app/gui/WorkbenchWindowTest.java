package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.catalog.FileRecord;
import io.sextant.services.search.DocHit;
import io.sextant.views.common.Theme;
import io.sextant.views.common.UiState;
import io.sextant.views.workbench.WorkbenchView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The workbench window on a real engine (int8 MiniLM, real Lucene index and SQLite catalog) with
 * the repository's sample documents, driven by TestFX's robot under a real (virtual) display.
 * Only the desktop hand-off (open / show in folder) is recorded instead of run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchWindowTest extends FxRobot {

  private static final String MODEL = WindowFixture.MODEL;
  private static final String TIDES_QUERY = WindowFixture.TIDES_QUERY;

  @TempDir static Path temp;
  WindowFixture fx;
  WorkbenchView view;
  Stage stage;
  UiState state;
  List<String> desktop;

  @BeforeAll
  void openWindow() throws Exception {
    fx = WindowFixture.open(temp.resolve("workspace"), MODEL);
    desktop = fx.desktop;
    state = UiState.inMemory();
    view = fx.show(() -> new WorkbenchView(fx.backend, state, null));
    stage = fx.stage();
  }

  @AfterAll
  void closeWindow() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @BeforeEach
  void sampleIsIndexed() throws Exception {
    if (listView("#sources").getItems().isEmpty()) {
      fx.drop(lookup("#results").query(), List.of(WindowFixture.sampleCorpus()));
      waitFor("drop highlight cleared", () -> stage.getScene().getRoot().getStyleClass().stream()
          .noneMatch("drop-hover"::equals));
      waitFor("sample indexed", () -> !view.library().busyProperty().get()
          && !listView("#sources").getItems().isEmpty());
    }
  }

  @Test
  void droppingTheSampleFolderIndexesItAndAQueryShowsTheTidesDocumentFirst() throws Exception {
    // the drop happened in sampleIsIndexed; here: what it did
    assertTrue(view.statusText().startsWith("Indexed 14 files"), view.statusText());
    fx.search(TIDES_QUERY);
    ListView<DocHit> results = view.search().results();
    waitFor("summary", () -> lookup("#search-summary").queryLabeled().getText().contains("files"));
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
    fx.search(TIDES_QUERY);
    ListView<DocHit> results = view.search().results();
    assertTrue(results.getItems().get(0).path().endsWith("tides-and-the-moon.pdf"),
        () -> "first hit: " + results.getItems().get(0).path());
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
  void aButtonGetsItsTooltipWhenThePointerReachesIt() throws Exception {
    javafx.scene.control.Button theme = lookup("#toolbar-theme").queryButton();
    assertEquals("Light / dark (Ctrl+D)", theme.getAccessibleHelp());
    moveTo(theme);
    moveBy(2, 1);
    waitFor("tooltip made", () -> theme.getTooltip() != null);
    assertEquals(theme.getAccessibleHelp(), theme.getTooltip().getText());
  }

  @Test
  void themeShortcutSwitchesToDarkAndRemembersIt() throws Exception {
    Theme before = view.theme();
    clickOn("#inspector-title"); // keys go to the focused window: give it the focus first
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
    fx.search("sourdough");
    ListView<DocHit> results = view.search().results();
    rightClickOn("#sources .list-cell");
    clickOn("Remove from workspace…");
    clickOn("OK");
    waitFor("library empty", () -> listView("#sources").getItems().isEmpty());
    waitFor("results gone", results.getItems()::isEmpty);
    assertTrue(view.statusText().startsWith("Removed "), view.statusText());
    assertTrue(java.nio.file.Files.exists(WindowFixture.sampleCorpus().resolve("sourdough-starter-care.md")));
  }

  // ------------------------------------------------------------------ helpers

  @SuppressWarnings("unchecked")
  <T> ListView<T> listView(String id) {
    return (ListView<T>) lookup(id).queryAs(ListView.class);
  }

  private static void waitFor(String what, Supplier<Boolean> condition) throws TimeoutException {
    WindowFixture.waitFor(what, condition);
  }
}
