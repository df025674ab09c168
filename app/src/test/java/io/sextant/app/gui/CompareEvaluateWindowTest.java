package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.app.TestWiring;
import io.sextant.app.Wiring;
import io.sextant.services.engine.Engine;
import io.sextant.services.judgments.DocIds;
import io.sextant.services.search.SearchMode;
import io.sextant.services.task.Lane;
import io.sextant.views.common.UiState;
import io.sextant.views.evaluate.EvaluatePort;
import io.sextant.views.workbench.WorkbenchView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Compare and Evaluate tabs on a real engine (the sample documents indexed with the int8
 * and the float MiniLM): judging a hit with one key, two setups side by side with their
 * agreement, neighbour agreement of the two models, an evaluation of the judged query, and a
 * per-query difference opening in Compare.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompareEvaluateWindowTest extends FxRobot {

  static final String OTHER_MODEL = "all-minilm-l6-v2";
  @TempDir static Path temp;
  Wiring wiring;
  CompletableFuture<Engine> engine;
  EvaluationBackend evaluation;
  WorkbenchView view;
  Stage stage;

  @BeforeAll
  void openWindow() throws Exception {
    Assumptions.assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank(),
        "no display: scripts/test starts Xvfb when it is installed");
    wiring = TestWiring.create();
    engine = wiring.tasks().submit(Lane.IO, "open", () -> wiring.openEngine(temp.resolve("workspace"),
        c -> c.withModels(List.of(WorkbenchWindowTest.MODEL, OTHER_MODEL))));
    EngineBackend backend = new EngineBackend(engine, wiring.tasks(), new FileActions() {
      @Override
      public void open(Path file) {}

      @Override
      public void reveal(Path file) {}
    }, false, () -> "");
    evaluation = new EvaluationBackend(engine, wiring.tasks(), DocIds.PATH);
    stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(() -> {
      view = new WorkbenchView(backend, UiState.inMemory(), null, null, evaluation, evaluation, evaluation);
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
    evaluation.close();
    engine.get().close();
    wiring.close();
  }

  @Test
  @Order(1)
  void oneKeyJudgesTheSelectedHitAndTheEvaluateTabListsTheQuery() throws Exception {
    clickOn("#query").eraseText(40);
    write(WorkbenchWindowTest.TIDES_QUERY);
    // judge only once the whole query's results are shown, not a prefix's
    WorkbenchWindowTest.waitFor("results", () -> WorkbenchWindowTest.TIDES_QUERY.equals(view.search().shownQuery())
        && !view.search().results().getItems().isEmpty());
    String top = view.search().results().getItems().get(0).docKey();
    interact(() -> {
      view.search().results().requestFocus();
      view.search().results().getSelectionModel().select(0);
    });
    type(KeyCode.DIGIT2);
    WorkbenchWindowTest.waitFor("judged query listed", () -> view.evaluate().queries().getItems().size() == 1);
    EvaluatePort.JudgedQuery q = view.evaluate().queries().getItems().get(0);
    assertEquals(WorkbenchWindowTest.TIDES_QUERY, q.text());
    assertEquals(1, q.relevant());
    assertEquals(java.util.Map.of(top, 2), evaluation.of(WorkbenchWindowTest.TIDES_QUERY).get());
    assertTrue(Files.exists(temp.resolve("workspace").resolve("judgments.db")));
  }

  @Test
  @Order(2)
  void compareShowsTwoSetupsSideBySideWithTheirAgreement() throws Exception {
    interact(() -> view.centre().getSelectionModel().select(view.centre().getTabs().stream()
        .filter(t -> t.getId().equals("tab-compare")).findFirst().orElseThrow()));
    interact(() -> {
      view.compare().setSetup(0, WorkbenchWindowTest.MODEL, SearchMode.HYBRID);
      view.compare().setSetup(1, OTHER_MODEL, SearchMode.SEMANTIC);
    });
    clickOn("#compare-run");
    WorkbenchWindowTest.waitFor("lists", () -> view.compare().lists().stream().allMatch(l -> !l.getItems().isEmpty()));
    @SuppressWarnings("unchecked")
    TableView<Object> pairs = lookup("#compare-pairs").queryAs(TableView.class);
    WorkbenchWindowTest.waitFor("pair row", () -> pairs.getItems().size() == 1);
    assertTrue(view.compare().summaryText().contains(WorkbenchWindowTest.TIDES_QUERY), view.compare().summaryText());

    clickOn("#compare-agreement");
    WorkbenchWindowTest.waitFor("neighbour agreement", () -> view.compare().agreementText().contains("%"));
    String text = view.compare().agreementText();
    assertTrue(text.contains("all ") && text.contains("passages"), text);
  }

  @Test
  @Order(3)
  void evaluationScoresTheJudgedQueryAndAWinOpensInCompare() throws Exception {
    interact(() -> view.centre().getSelectionModel().select(view.centre().getTabs().stream()
        .filter(t -> t.getId().equals("tab-evaluate")).findFirst().orElseThrow()));
    clickOn("#evaluate-run");
    WorkbenchWindowTest.waitFor("scores", () -> !view.evaluate().scores().getItems().isEmpty());
    assertTrue(view.evaluate().scores().getItems().size() >= 2, "keyword and semantic at least");
    assertTrue(view.evaluate().scores().getItems().stream().anyMatch(s -> s.ndcg10() > 0),
        "the judged file is found by some setup");
    assertTrue(view.evaluate().runStatusText().startsWith("1 queries"), view.evaluate().runStatusText());
    WorkbenchWindowTest.waitFor("per-query differences", () -> view.evaluate().deltas().getItems().size() == 1);

    interact(() -> view.evaluate().openDelta(view.evaluate().deltas().getItems().get(0)));
    WorkbenchWindowTest.waitFor("compare tab selected",
        () -> view.centre().getSelectionModel().getSelectedItem().getId().equals("tab-compare"));
    WorkbenchWindowTest.waitFor("compared", () -> view.compare().summaryText().startsWith("Top "));
  }

  @Test
  @Order(4)
  void importingABeirFolderWhoseDocumentsAreNotFilesHereSaysWhy() throws Exception {
    Path adi = Path.of(System.getProperty("sextant.shared.dir", "../shared"), "data", "adi");
    Assumptions.assumeTrue(Files.isDirectory(adi), "shared data absent");
    var e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> evaluation.importBeir(adi).get());
    assertTrue(e.getCause().getMessage().contains("file's name without extension"), e.getCause().getMessage());
    assertFalse(evaluation.judgedQueries().get().isEmpty());
  }
}
