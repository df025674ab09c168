package io.sextant.app.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.search.SearchMode;
import io.sextant.views.common.UiState;
import io.sextant.views.evaluate.EvaluatePort;
import io.sextant.views.explore.Colouring;
import io.sextant.views.workbench.WorkbenchView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
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
  WindowFixture fx;
  EvaluationBackend evaluation;
  WorkbenchView view;

  @BeforeAll
  void openWindow() throws Exception {
    fx = WindowFixture.open(temp.resolve("workspace"), WindowFixture.MODEL, OTHER_MODEL);
    evaluation = fx.evaluation();
    view = fx.show(() -> new WorkbenchView(fx.backend, UiState.inMemory(), null,
        new ExploreBackend(fx.engine, fx.wiring.tasks(), evaluation, 2), evaluation, evaluation, evaluation));
    fx.indexSampleCorpus();
  }

  @AfterAll
  void closeWindow() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  @Order(1)
  void oneKeyJudgesTheSelectedHitAndTheEvaluateTabListsTheQuery() throws Exception {
    fx.search(WindowFixture.TIDES_QUERY); // judged only once the whole query's results are shown
    String top = view.search().results().getItems().get(0).docKey();
    interact(() -> {
      view.search().results().requestFocus();
      view.search().results().getSelectionModel().select(0);
    });
    type(KeyCode.DIGIT2);
    WindowFixture.waitFor("judged query listed", () -> view.evaluate().queries().getItems().size() == 1);
    EvaluatePort.JudgedQuery q = view.evaluate().queries().getItems().get(0);
    assertEquals(WindowFixture.TIDES_QUERY, q.text());
    assertEquals(1, q.relevant());
    assertEquals(java.util.Map.of(top, 2), evaluation.of(WindowFixture.TIDES_QUERY).get());
    assertTrue(Files.exists(temp.resolve("workspace").resolve("judgments.db")));
  }

  @Test
  @Order(2)
  void compareShowsTwoSetupsSideBySideWithTheirAgreement() throws Exception {
    interact(() -> view.centre().getSelectionModel().select(view.centre().getTabs().stream()
        .filter(t -> t.getId().equals("tab-compare")).findFirst().orElseThrow()));
    interact(() -> {
      view.compare().setSetup(0, WindowFixture.MODEL, SearchMode.HYBRID);
      view.compare().setSetup(1, OTHER_MODEL, SearchMode.SEMANTIC);
    });
    clickOn("#compare-run");
    WindowFixture.waitFor("lists", () -> view.compare().lists().stream().allMatch(l -> !l.getItems().isEmpty()));
    @SuppressWarnings("unchecked")
    TableView<Object> pairs = lookup("#compare-pairs").queryAs(TableView.class);
    WindowFixture.waitFor("pair row", () -> pairs.getItems().size() == 1);
    assertTrue(view.compare().summaryText().contains(WindowFixture.TIDES_QUERY), view.compare().summaryText());

    clickOn("#compare-agreement");
    WindowFixture.waitFor("neighbour agreement", () -> view.compare().agreementText().contains("%"));
    String text = view.compare().agreementText();
    assertTrue(text.contains("all ") && text.contains("passages"), text);
  }

  @Test
  @Order(3)
  void evaluationScoresTheJudgedQueryAndAWinOpensInCompare() throws Exception {
    interact(() -> view.centre().getSelectionModel().select(view.centre().getTabs().stream()
        .filter(t -> t.getId().equals("tab-evaluate")).findFirst().orElseThrow()));
    clickOn("#evaluate-run");
    WindowFixture.waitFor("scores", () -> !view.evaluate().scores().getItems().isEmpty());
    assertTrue(view.evaluate().scores().getItems().size() >= 2, "keyword and semantic at least");
    assertTrue(view.evaluate().scores().getItems().stream().anyMatch(s -> s.ndcg10() > 0),
        "the judged file is found by some setup");
    assertTrue(view.evaluate().runStatusText().startsWith("1 queries"), view.evaluate().runStatusText());
    WindowFixture.waitFor("per-query differences", () -> view.evaluate().deltas().getItems().size() == 1);

    // the table the screen shows, exported as CSV through the backend's IO lane
    Path csv = temp.resolve("evaluation.csv");
    evaluation.exportTable(view.evaluate().report(), csv).get(60, java.util.concurrent.TimeUnit.SECONDS);
    List<String> lines = java.nio.file.Files.readAllLines(csv);
    assertEquals(view.evaluate().scores().getItems().size() + 1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("setup,queries,k,ndcg@10,"), lines.get(0));
    fx.shot("evaluate-sample.png");

    interact(() -> view.evaluate().openDelta(view.evaluate().deltas().getItems().get(0)));
    WindowFixture.waitFor("compare tab selected",
        () -> view.centre().getSelectionModel().getSelectedItem().getId().equals("tab-compare"));
    WindowFixture.waitFor("compared", () -> view.compare().summaryText().startsWith("Top "));
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

  @Test
  @Order(5)
  void cancelStopsARunningEvaluationAndKeepsTheLastResults() throws Exception {
    // enough judged queries (300 more, x 3 setups) that the run is still going when Cancel is clicked
    String tides = evaluation.of(WindowFixture.TIDES_QUERY).get().keySet().iterator().next();
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      writes.add(evaluation.judge("when is high tide number " + i, tides, 1));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
    interact(() -> {
      view.centre().getSelectionModel().select(view.centre().getTabs().stream()
          .filter(t -> t.getId().equals("tab-evaluate")).findFirst().orElseThrow());
      view.evaluate().reloadQueries();
    });
    WindowFixture.waitFor("queries listed", () -> view.evaluate().queries().getItems().size() == 301);
    List<EvaluatePort.SetupScore> before = List.copyOf(view.evaluate().scores().getItems());

    clickOn("#evaluate-run");
    WindowFixture.waitFor("running", () -> view.evaluate().isRunning()
        && lookup("#evaluate-cancel").query().isVisible());
    fx.shot("evaluate-running.png");
    clickOn("#evaluate-cancel");
    WindowFixture.waitFor("cancelled", () -> view.evaluate().runStatusText().equals("Evaluation cancelled."));
    assertFalse(view.evaluate().isRunning());
    assertFalse(lookup("#evaluate-run").query().isDisabled(), "Run is offered again");
    assertFalse(lookup("#evaluate-cancel").query().isVisible());
    assertEquals(before, view.evaluate().scores().getItems(), "the last results stay");
  }

  @Test
  @Order(6)
  void theMapColoursEachPassageByItsNeighbourAgreementWithTheOtherModel() throws Exception {
    interact(() -> view.centre().getSelectionModel().select(view.centre().getTabs().stream()
        .filter(t -> t.getContent() == view.explore().root()).findFirst().orElseThrow()));
    clickOn("#explore-compute");
    Label summary = lookup("#explore-summary").queryAs(Label.class);
    WindowFixture.waitFor("map", () -> summary.getText().contains("passages ·"));
    interact(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<Colouring.By> by = lookup("#explore-colour").queryAs(ComboBox.class);
      by.setValue(Colouring.By.AGREEMENT);
    });
    @SuppressWarnings("unchecked")
    ComboBox<String> with = lookup("#explore-agree-with").queryAs(ComboBox.class);
    assertTrue(with.isVisible());
    assertEquals(OTHER_MODEL, with.getValue(), "the other model is chosen by default");
    WindowFixture.waitFor("agreement measured", () -> view.explore().agreementValues() != null);
    double[] shared = view.explore().agreementValues();
    assertEquals(view.explore().map().size(), shared.length);
    for (double v : shared) {
      assertTrue(v >= 0 && v <= 1, "every passage of a small corpus is scored: " + v);
    }
    VBox legend = lookup(".legend").queryAs(VBox.class);
    WindowFixture.waitFor("agreement legend", () -> legend.getChildren().stream()
        .anyMatch(n -> ((Label) n).getText().contains("neighbours shared")));
    WindowFixture.waitFor("status", () -> view.statusText().startsWith("Neighbour agreement of " + WindowFixture.MODEL));
    fx.shot("explore-agreement.png");
  }
}
