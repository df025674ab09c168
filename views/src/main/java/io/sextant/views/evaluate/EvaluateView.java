package io.sextant.views.evaluate;

import io.sextant.services.search.SearchMode;
import io.sextant.services.task.Cancellation;
import io.sextant.views.common.Fx;
import io.sextant.views.common.FxmlView;
import io.sextant.views.common.Setup;
import io.sextant.views.common.WorkspaceInfo;
import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.controlsfx.control.CheckComboBox;

/**
 * Controller of EvaluateView.fxml: lists the judged queries, runs evaluations of the chosen
 * setups in the background and shows the table, a bar chart, the paired tests and the per-query
 * wins and losses (double-click one to open it in the Search pane).
 */
public final class EvaluateView {

  private final EvaluatePort port;
  private final Parent root;
  private Consumer<String> onOpenQuery = q -> {};
  private java.util.function.BiConsumer<String, List<Setup>> onCompare = null;
  private Consumer<String> status = s -> {};
  private EvaluatePort.Report report;
  /** The running evaluation's flag, or null when none runs. */
  private Cancellation running;

  @FXML private ListView<EvaluatePort.JudgedQuery> queries;
  @FXML private Label queriesTitle;
  @FXML private CheckComboBox<String> models;
  @FXML private CheckComboBox<SearchMode> modes;
  @FXML private Spinner<Integer> depth;
  @FXML private Button runButton;
  @FXML private Button cancelButton;
  @FXML private ProgressBar progress;
  @FXML private Label runStatus;
  @FXML private TableView<EvaluatePort.SetupScore> scores;
  @FXML private TableColumn<EvaluatePort.SetupScore, String> setupColumn;
  @FXML private TableColumn<EvaluatePort.SetupScore, String> ndcgColumn;
  @FXML private TableColumn<EvaluatePort.SetupScore, String> mrrColumn;
  @FXML private TableColumn<EvaluatePort.SetupScore, String> recallColumn;
  @FXML private TableColumn<EvaluatePort.SetupScore, String> latencyColumn;
  @FXML private BarChart<Number, String> chart;
  @FXML private TableView<EvaluatePort.PairTest> tests;
  @FXML private TableColumn<EvaluatePort.PairTest, String> pairColumn;
  @FXML private TableColumn<EvaluatePort.PairTest, String> diffColumn;
  @FXML private TableColumn<EvaluatePort.PairTest, String> pColumn;
  @FXML private TableColumn<EvaluatePort.PairTest, String> ciColumn;
  @FXML private ListView<EvaluatePort.QueryDelta> deltas;
  @FXML private Label deltasTitle;

  public EvaluateView(EvaluatePort port) {
    this.port = Objects.requireNonNull(port, "port");
    this.root = FxmlView.load(this, EvaluateView.class);
  }

  private static <T> void column(TableColumn<T, String> c, Function<T, String> f) {
    c.setCellValueFactory(v -> new SimpleStringProperty(f.apply(v.getValue())));
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  @FXML
  private void initialize() {
    column(setupColumn, s -> s.setup().label());
    column(ndcgColumn, s -> f3(s.ndcg10()));
    column(mrrColumn, s -> f3(s.mrr10()));
    column(recallColumn, s -> f3(s.recallK()));
    column(latencyColumn, s -> String.format(Locale.ROOT, "%.1f", s.meanMillis()));
    column(pairColumn, t -> label(t.a()) + "  →  " + label(t.b()));
    column(diffColumn, t -> String.format(Locale.ROOT, "%+.4f", t.meanDiff()));
    column(pColumn, t -> String.format(Locale.ROOT, "%.4f%s", t.p(), t.p() < 0.05 ? "  *" : ""));
    column(ciColumn, t -> String.format(Locale.ROOT, "[%+.4f, %+.4f]", t.ciLow(), t.ciHigh()));
    scores.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    tests.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    showRunning(false);
    modes.getItems().setAll(SearchMode.values());
    modes.getCheckModel().check(SearchMode.KEYWORD);
    modes.getCheckModel().check(SearchMode.SEMANTIC);
    modes.getCheckModel().check(SearchMode.HYBRID);
    queries.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(EvaluatePort.JudgedQuery q, boolean empty) {
        super.updateItem(q, empty);
        setText(empty || q == null ? null : q.text() + "   (" + q.relevant() + " relevant of " + q.judged() + ")");
      }
    });
    queries.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2 && queries.getSelectionModel().getSelectedItem() != null) {
        onOpenQuery.accept(queries.getSelectionModel().getSelectedItem().text());
      }
    });
    deltas.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(EvaluatePort.QueryDelta d, boolean empty) {
        super.updateItem(d, empty);
        getStyleClass().removeAll("win", "loss");
        if (empty || d == null) {
          setText(null);
          return;
        }
        setText(String.format(Locale.ROOT, "%+.3f  %s", d.delta(), d.text()));
        if (d.delta() > 0) {
          getStyleClass().add("win");
        } else if (d.delta() < 0) {
          getStyleClass().add("loss");
        }
      }
    });
    deltas.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2 && deltas.getSelectionModel().getSelectedItem() != null) {
        openDelta(deltas.getSelectionModel().getSelectedItem());
      }
    });
  }

  public Parent root() {
    return root;
  }

  /** Double-clicking a query opens it in the Search pane. */
  public void setOnOpenQuery(Consumer<String> onOpenQuery) {
    this.onOpenQuery = Objects.requireNonNull(onOpenQuery);
  }

  /**
   * Double-clicking a win or loss opens the query with the two setups it compares side by side
   * (in the Compare tab); without this, it opens in the Search pane like a judged query.
   */
  public void setOnCompare(java.util.function.BiConsumer<String, List<Setup>> onCompare) {
    this.onCompare = Objects.requireNonNull(onCompare);
  }

  /** Opens a per-query difference, as double-clicking it does. */
  public void openDelta(EvaluatePort.QueryDelta d) {
    if (onCompare != null && report != null && report.scores().size() >= 2) {
      onCompare.accept(d.text(), List.of(report.scores().get(0).setup(), report.scores().get(1).setup()));
    } else {
      onOpenQuery.accept(d.text());
    }
  }

  /** The wins and losses list, for tests. */
  public ListView<EvaluatePort.QueryDelta> deltas() {
    return deltas;
  }

  /** The judged queries list, for tests. */
  public ListView<EvaluatePort.JudgedQuery> queries() {
    return queries;
  }

  /** The last finished run's report, or null before the first. */
  public EvaluatePort.Report report() {
    return report;
  }

  /** The scores table, for tests. */
  public TableView<EvaluatePort.SetupScore> scores() {
    return scores;
  }

  /** The line under the Run button, for tests. */
  public String runStatusText() {
    return runStatus.getText();
  }

  public void setStatusSink(Consumer<String> status) {
    this.status = Objects.requireNonNull(status);
  }

  public void showWorkspace(WorkspaceInfo info) {
    List<String> checked = List.copyOf(models.getCheckModel().getCheckedItems());
    models.getItems().setAll(info.models());
    if (checked.isEmpty()) {
      models.getCheckModel().check(info.models().get(0));
    } else {
      checked.stream().filter(info.models()::contains).forEach(models.getCheckModel()::check);
    }
    reloadQueries();
  }

  /** Reloads the judged queries (after judging in a result list, or an import). */
  public void reloadQueries() {
    Fx.then(port.judgedQueries(), list -> {
      queries.getItems().setAll(list);
      queriesTitle.setText("Judged queries (" + list.size() + ")");
      runButton.setDisable(list.isEmpty() || running != null);
    }, e -> status.accept("Could not read the judged queries: " + Fx.message(e)));
  }

  /** The setups to run: every checked model with every checked mode (keyword once). */
  List<Setup> setups() {
    List<Setup> out = new ArrayList<>();
    List<String> ms = List.copyOf(models.getCheckModel().getCheckedItems());
    for (SearchMode mode : modes.getCheckModel().getCheckedItems()) {
      if (mode == SearchMode.KEYWORD) {
        if (!ms.isEmpty()) {
          out.add(new Setup(ms.get(0), mode));
        }
        continue;
      }
      for (String m : ms) {
        out.add(new Setup(m, mode));
      }
    }
    out.sort(Comparator.comparing((Setup s) -> s.mode().ordinal()).thenComparing(Setup::modelId));
    return out;
  }

  @FXML
  public void run() {
    List<Setup> setups = setups();
    if (setups.isEmpty()) {
      runStatus.setText("Check at least one model and one mode.");
      return;
    }
    if (running != null) {
      return; // the button is disabled while one runs; a second run would only queue behind it
    }
    Cancellation mine = new Cancellation();
    running = mine;
    showRunning(true);
    progress.setProgress(0);
    runStatus.setText("Evaluating " + setups.size() + " setups on " + queries.getItems().size() + " queries…");
    Fx.then(port.evaluate(setups, depth.getValue(), p -> Platform.runLater(() -> {
      if (running == mine) {
        progress.setProgress(p);
      }
    }), mine), r -> {
      if (running == mine) {
        running = null;
        show(r);
      }
    }, e -> {
      if (running == mine) {
        running = null;
        showRunning(false);
        runStatus.setText(e instanceof CancellationException ? "Evaluation cancelled." : "Evaluation failed: " + Fx.message(e));
      }
    });
  }

  /** Stops the running evaluation before its next search (Cancel button); the last results stay. */
  @FXML
  public void cancel() {
    if (running != null) {
      running.cancel();
      cancelButton.setDisable(true);
      runStatus.setText("Cancelling…");
    }
  }

  /** Whether an evaluation is running (Cancel is offered), for tests. */
  public boolean isRunning() {
    return running != null;
  }

  private void showRunning(boolean on) {
    runButton.setDisable(on);
    cancelButton.setDisable(!on);
    cancelButton.setVisible(on);
    cancelButton.setManaged(on);
    progress.setVisible(on);
    progress.setManaged(on);
  }

  /** Shows a report (also the tests' way in). */
  public void show(EvaluatePort.Report r) {
    report = r;
    showRunning(false);
    runStatus.setText(r.queries() + " queries · k = " + r.k() + " · paired randomisation test, 95 % bootstrap interval"
        + " · * marks p < 0.05");
    scores.getItems().setAll(r.scores());
    tests.getItems().setAll(r.tests());
    List<EvaluatePort.QueryDelta> sorted = new ArrayList<>(r.perQuery());
    sorted.sort(Comparator.comparingDouble(EvaluatePort.QueryDelta::delta).reversed());
    deltas.getItems().setAll(sorted);
    if (r.scores().size() >= 2) {
      long wins = sorted.stream().filter(d -> d.delta() > 0).count();
      long losses = sorted.stream().filter(d -> d.delta() < 0).count();
      deltasTitle.setText(label(1) + " vs " + label(0) + ": " + wins + " wins, " + losses + " losses, "
          + (sorted.size() - wins - losses) + " ties (double-click to open)");
    } else {
      deltasTitle.setText("Per-query differences need two setups");
    }
    // the chart last: a charting failure must not hide the numbers above. Bars run sideways so
    // setup names (often 30+ characters) read horizontally instead of eating the chart's height
    XYChart.Series<Number, String> ndcg = new XYChart.Series<>();
    ndcg.setName("nDCG@10");
    XYChart.Series<Number, String> mrr = new XYChart.Series<>();
    mrr.setName("MRR@10");
    for (EvaluatePort.SetupScore s : r.scores().reversed()) { // first setup on top, as in the table
      ndcg.getData().add(new XYChart.Data<>(s.ndcg10(), s.setup().label()));
      mrr.getData().add(new XYChart.Data<>(s.mrr10(), s.setup().label()));
    }
    try {
      chart.getData().setAll(List.of(ndcg, mrr));
    } catch (RuntimeException e) {
      status.accept("Could not draw the chart: " + Fx.message(e));
    }
  }

  private String label(int i) {
    return report == null || i >= report.scores().size() ? "?" : report.scores().get(i).setup().label();
  }

  @FXML
  private void importBeir() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Import a BEIR folder (queries.jsonl, qrels/test.tsv)");
    File dir = chooser.showDialog(window());
    if (dir != null) {
      Fx.then(port.importBeir(dir.toPath()), n -> {
        status.accept("Imported " + n + " judged queries from " + dir);
        reloadQueries();
      }, e -> status.accept("Import failed: " + Fx.message(e)));
    }
  }

  @FXML
  private void exportQrels() {
    File f = save("Export judgments as TREC qrels", "qrels.txt");
    if (f != null) {
      Fx.then(port.exportQrels(f.toPath()), v -> status.accept("Wrote " + f),
          e -> status.accept("Export failed: " + Fx.message(e)));
    }
  }

  @FXML
  private void exportRun() {
    List<Setup> setups = setups();
    if (setups.isEmpty()) {
      return;
    }
    File f = save("Export a TREC run of " + setups.get(0).label(), "run.txt");
    if (f != null) {
      Fx.then(port.exportRun(setups.get(0), depth.getValue(), f.toPath()), v -> status.accept("Wrote " + f),
          e -> status.accept("Export failed: " + Fx.message(e)));
    }
  }

  @FXML
  private void exportTable() {
    EvaluatePort.Report r = report;
    if (r == null) {
      status.accept("Run an evaluation first: there is no table to export yet");
      return;
    }
    File f = save("Export the score table as CSV", "evaluation.csv");
    if (f != null) {
      Fx.then(port.exportTable(r, f.toPath()), v -> status.accept("Wrote " + f),
          e -> status.accept("Export failed: " + Fx.message(e)));
    }
  }

  private File save(String title, String name) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.setInitialFileName(name);
    return chooser.showSaveDialog(window());
  }

  private javafx.stage.Window window() {
    return root.getScene() == null ? null : root.getScene().getWindow();
  }
}
