package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.app.Wiring;
import io.sextant.services.engine.Engine;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.model.ModelFolder;
import io.sextant.services.model.ModelImporter;
import io.sextant.services.search.DocHit;
import io.sextant.services.task.Cancellation;
import io.sextant.services.workspace.AppDirs;
import io.sextant.views.common.UiState;
import io.sextant.views.workbench.WorkbenchView;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * A workspace indexed with an imported copy of the int8 MiniLM ("mine") and the built-in one,
 * whose imported model.onnx is then cut in half, opened in the workbench window: the window says
 * so as soon as the workspace opens (which model, what is wrong, the command that repairs it),
 * before anyone searches, and keeps working with the other model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first looks at the window before any search
class DamagedModelWindowTest extends FxRobot {

  private static final String MODEL = WindowFixture.MODEL;

  @TempDir static Path temp;
  WindowFixture fx;
  WorkbenchView view;
  UiState state;
  Path export;

  @BeforeAll
  void openWindowOnAWorkspaceWhoseModelWasDamaged() throws Exception {
    WindowFixture.assumeDisplay();
    // its own data folder: the shared test data's models must stay whole for the other tests
    Wiring wiring = new Wiring(new AppDirs(temp.resolve("data")));
    ModelFolder builtin = wiring.models().folder(MODEL);
    export = Files.createDirectories(temp.resolve("export"));
    Files.copy(builtin.onnxFile(), export.resolve(ModelFolder.ONNX_FILE));
    Files.copy(builtin.tokenizerFile(), export.resolve(ModelFolder.TOKENIZER_FILE));
    new ModelImporter(wiring.models().modelsDir()).importFolder(export, "mine", 1);
    Path workspace = temp.resolve("workspace");
    try (Engine e = wiring.openEngine(workspace, c -> c.withModels(List.of("mine", MODEL)))) {
      e.ingest(List.of(WindowFixture.sampleCorpus()), IngestListener.NONE, new Cancellation());
    }
    Path onnx = wiring.models().modelsDir().resolve("mine").resolve(ModelFolder.ONNX_FILE);
    try (FileChannel ch = FileChannel.open(onnx, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }

    fx = WindowFixture.of(wiring, wiring.openEngine(workspace, c -> c));
    state = UiState.inMemory();
    state.put("search.model", "mine"); // the user's last choice was the model now damaged
    view = fx.show(() -> new WorkbenchView(fx.backend, state, null));
  }

  @AfterAll
  void closeWindow() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  @Order(1)
  void theDamagedModelIsNamedWithWhyAndHowToRepairItWhenTheWorkspaceOpens() throws Exception {
    WindowFixture.waitFor("model note", () -> !view.search().modelNote().isEmpty());
    String note = view.search().modelNote();
    assertTrue(note.startsWith("Model 'mine' cannot be used: "), note);
    assertTrue(note.contains("model.onnx is truncated"), note);
    assertTrue(note.contains("sextant models import " + export.toAbsolutePath().normalize() + " --id mine"), note);
    assertTrue(note.endsWith("Keyword search and " + MODEL + " still work."), note);
    assertTrue(lookup("#model-note").query().isVisible());
    assertTrue(view.statusText().startsWith("Warning: model 'mine' cannot be used"), view.statusText());
    assertTrue(view.search().shownQuery().isEmpty(), "no search was needed to find out");
    fx.shot("damaged-model.png");
  }

  @Test
  @Order(2)
  void theChooserMarksTheDamagedModelAndSearchUsesTheOtherOne() throws Exception {
    WindowFixture.waitFor("model chosen", () -> MODEL.equals(view.search().chosenModel()));
    assertEquals("mine", state.get("search.model", ""), "the remembered choice is kept for after the repair");

    clickOn("#model");
    WindowFixture.waitFor("chooser open", () -> lookup(".list-cell").queryAll().stream()
        .anyMatch(c -> "mine (damaged)".equals(((ListCell<?>) c).getText())));
    ListCell<?> damaged = lookup(".list-cell").queryAll().stream().map(c -> (ListCell<?>) c)
        .filter(c -> "mine (damaged)".equals(c.getText())).findFirst().orElseThrow();
    assertTrue(damaged.isDisabled(), "a damaged model cannot be chosen");
    assertTrue(damaged.getTooltip().getText().contains("truncated"), damaged.getTooltip().getText());
    type(KeyCode.ESCAPE);

    fx.search(WindowFixture.TIDES_QUERY); // hybrid: keyword and the built-in model's vectors
    List<DocHit> hits = view.search().results().getItems();
    assertTrue(hits.get(0).path().endsWith("tides-and-the-moon.pdf"), () -> "first hit: " + hits.get(0).path());
    assertEquals(MODEL, view.search().chosenModel());
  }
}
