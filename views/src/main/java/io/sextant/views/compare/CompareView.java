package io.sextant.views.compare;

import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchResponse;
import io.sextant.views.common.Fx;
import io.sextant.views.common.FxmlView;
import io.sextant.views.common.HitSelection;
import io.sextant.views.common.ScoreFormat;
import io.sextant.views.common.Setup;
import io.sextant.views.common.WorkspaceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Controller of CompareView.fxml: runs one query against two or three setups and shows the
 * lists side by side. Selecting a file in one list selects it in the others and opens it in the
 * Inspector; files only one setup found are marked.
 */
public final class CompareView {

  static final int MAX_SETUPS = 3;

  private final ComparePort port;
  private final Parent root;
  private final List<ComboBox<String>> models = new ArrayList<>();
  private final List<ComboBox<SearchMode>> modes = new ArrayList<>();
  private final List<ListView<DocHit>> lists = new ArrayList<>();
  private final StringProperty linkedKey = new SimpleStringProperty("");
  private ComparePort.Comparison shown;
  private LinkedLists linked;
  private List<String> modelIds = List.of("none");
  private Consumer<HitSelection> onSelect = s -> {};
  private boolean linking;

  @FXML private TextField query;
  @FXML private VBox setupRows;
  @FXML private Button addSetup;
  @FXML private Spinner<Integer> depth;
  @FXML private HBox columns;
  @FXML private TableView<ComparePort.Pair> pairs;
  @FXML private TableColumn<ComparePort.Pair, String> pairColumn;
  @FXML private TableColumn<ComparePort.Pair, String> overlapColumn;
  @FXML private TableColumn<ComparePort.Pair, String> jaccardColumn;
  @FXML private TableColumn<ComparePort.Pair, String> rboColumn;
  @FXML private TableColumn<ComparePort.Pair, String> kendallColumn;
  @FXML private TableColumn<ComparePort.Pair, String> sharedColumn;
  @FXML private Label summary;
  @FXML private Label agreement;

  public CompareView(ComparePort port) {
    this.port = Objects.requireNonNull(port, "port");
    this.root = FxmlView.load(this, CompareView.class);
  }

  @FXML
  private void initialize() {
    pairColumn.setCellValueFactory(c -> text(LinkedLists.letter(c.getValue().a()) + " – " + LinkedLists.letter(c.getValue().b())));
    overlapColumn.setCellValueFactory(c -> text(fmt(c.getValue().overlap())));
    jaccardColumn.setCellValueFactory(c -> text(fmt(c.getValue().jaccard())));
    rboColumn.setCellValueFactory(c -> text(fmt(c.getValue().rbo())));
    kendallColumn.setCellValueFactory(c -> text(c.getValue().kendallTau() == null ? "—" : fmt(c.getValue().kendallTau())));
    sharedColumn.setCellValueFactory(c -> text(Integer.toString(c.getValue().shared())));
    pairs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    query.setOnAction(e -> compare());
    addSetupRow(SearchMode.HYBRID);
    addSetupRow(SearchMode.SEMANTIC);
  }

  private static SimpleStringProperty text(String s) {
    return new SimpleStringProperty(s);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  public Parent root() {
    return root;
  }

  public void setOnSelect(Consumer<HitSelection> onSelect) {
    this.onSelect = Objects.requireNonNull(onSelect);
  }

  /** The models to offer; a second model, when there is one, is preselected in setup B. */
  public void showWorkspace(WorkspaceInfo info) {
    modelIds = info.models();
    for (int i = 0; i < models.size(); i++) {
      String current = models.get(i).getValue();
      models.get(i).getItems().setAll(modelIds);
      models.get(i).setValue(current != null && modelIds.contains(current) ? current
          : modelIds.get(Math.min(i, modelIds.size() - 1)));
      if (shown == null) { // before the first comparison the headers name the chosen setups
        ((Label) ((VBox) columns.getChildren().get(i)).getChildren().get(0)).setText(
            LinkedLists.letter(i) + "  " + new Setup(models.get(i).getValue(), modes.get(i).getValue()).label());
      }
    }
  }

  /** Starts from the Search pane's query. */
  public void useQuery(String q) {
    if (q != null && !q.isBlank() && query.getText().isBlank()) {
      query.setText(q);
    }
  }

  /** Shows {@code q} against the given setups (two or three) and runs the comparison. */
  public void open(String q, List<Setup> setups) {
    query.setText(q);
    for (int i = 0; i < Math.min(MAX_SETUPS, setups.size()); i++) {
      setSetup(i, setups.get(i).modelId(), setups.get(i).mode());
    }
    compare();
  }

  /** The agreement line under the table, for tests. */
  public String agreementText() {
    return agreement.getText();
  }

  /** The summary line above the lists, for tests. */
  public String summaryText() {
    return summary.getText();
  }

  public void setSetup(int i, String model, SearchMode mode) {
    while (models.size() <= i) {
      addSetupRow(SearchMode.KEYWORD);
    }
    models.get(i).setValue(model);
    modes.get(i).setValue(mode);
  }

  @FXML
  private void addSetup() {
    if (models.size() < MAX_SETUPS) {
      addSetupRow(SearchMode.KEYWORD);
    }
  }

  private void addSetupRow(SearchMode mode) {
    int i = models.size();
    ComboBox<String> m = new ComboBox<>();
    m.getItems().setAll(modelIds);
    m.setValue(modelIds.get(Math.min(i, modelIds.size() - 1)));
    ComboBox<SearchMode> md = new ComboBox<>();
    md.getItems().setAll(SearchMode.values());
    md.setValue(mode);
    Label letter = new Label(String.valueOf(LinkedLists.letter(i)));
    letter.getStyleClass().add("setup-letter");
    HBox row = new HBox(6, letter, m, md);
    row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    setupRows.getChildren().add(row);
    models.add(m);
    modes.add(md);
    ListView<DocHit> list = new ListView<>();
    list.getStyleClass().add("compare-list");
    list.setCellFactory(l -> new CompareCell(i));
    list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> selected(list, b));
    Label header = new Label(LinkedLists.letter(i) + "  " + new Setup(m.getValue(), md.getValue()).label());
    header.getStyleClass().add("column-header");
    VBox column = new VBox(4, header, list);
    VBox.setVgrow(list, Priority.ALWAYS);
    HBox.setHgrow(column, Priority.ALWAYS);
    column.setMinWidth(160);
    column.setPrefWidth(260);
    columns.getChildren().add(column);
    lists.add(list);
    addSetup.setDisable(models.size() >= MAX_SETUPS);
  }

  /** Runs the comparison. */
  @FXML
  public void compare() {
    String q = query.getText();
    if (q == null || q.isBlank()) {
      return;
    }
    List<Setup> setups = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      setups.add(new Setup(models.get(i).getValue(), modes.get(i).getValue()));
    }
    summary.setText("Comparing " + setups.size() + " setups…");
    Fx.then(port.compare(q.strip(), setups, depth.getValue()), this::show,
        e -> summary.setText("Comparison failed: " + Fx.message(e)));
  }

  private void show(ComparePort.Comparison c) {
    shown = c;
    List<List<DocHit>> hits = c.responses().stream().map(SearchResponse::hits).toList();
    linked = new LinkedLists(hits);
    linkedKey.set("");
    for (int i = 0; i < lists.size(); i++) {
      VBox column = (VBox) columns.getChildren().get(i);
      Label header = (Label) column.getChildren().get(0);
      if (i < c.setups().size()) {
        SearchResponse r = c.responses().get(i);
        int col = i;
        long unique = r.hits().stream().filter(h -> linked.unique(col, h.docKey())).count();
        header.setText(LinkedLists.letter(i) + "  " + c.setups().get(i).label() + "  ·  "
            + Math.round((r.embedMicros() + r.searchMicros()) / 1000.0) + " ms  ·  " + unique + " only here");
        lists.get(i).getItems().setAll(r.hits());
      }
    }
    pairs.getItems().setAll(c.pairs());
    summary.setText("Top " + c.k() + " files per setup for “" + c.query() + "”. Select a file to find it in the other lists.");
  }

  private void selected(ListView<DocHit> source, DocHit hit) {
    if (linking || hit == null || shown == null) {
      return;
    }
    linking = true;
    try {
      linkedKey.set(hit.docKey());
      int i = lists.indexOf(source);
      for (int j = 0; j < lists.size(); j++) {
        if (j == i) {
          continue;
        }
        ListView<DocHit> other = lists.get(j);
        int at = linked.rank(j, hit.docKey()) - 1;
        if (at >= 0) {
          other.getSelectionModel().select(at);
          other.scrollTo(Math.max(0, at - 2));
        } else {
          other.getSelectionModel().clearSelection();
        }
        other.refresh();
      }
      source.refresh();
      Setup s = shown.setups().get(i);
      onSelect.accept(new HitSelection(hit, hit.best(), shown.query(), s.mode(), s.modelId()));
    } finally {
      linking = false;
    }
  }

  @FXML
  private void neighbourAgreement() {
    if (models.size() < 2) {
      return;
    }
    String a = models.get(0).getValue();
    String b = models.get(1).getValue();
    if (a.equals(b)) {
      agreement.setText("Choose two different models in A and B.");
      return;
    }
    agreement.setText("Measuring neighbour agreement of " + a + " and " + b + "…");
    Fx.then(port.neighbourAgreement(a, b, 10),
        v -> agreement.setText(String.format(Locale.ROOT,
            "Neighbour agreement %s vs %s: %.1f %% of each passage's %d nearest neighbours are shared (%s)",
            a, b, v.value() * 100, v.k(), v.scored() < v.passages()
                ? "a fixed sample of " + v.scored() + " of " + v.passages() + " passages, exact neighbours among all"
                : "all " + v.passages() + " passages, exact neighbours")),
        e -> agreement.setText("Could not measure agreement: " + Fx.message(e)));
  }

  /** The lists, for tests. */
  public List<ListView<DocHit>> lists() {
    return lists;
  }

  /** A hit: rank, title, where else it is, score. */
  private final class CompareCell extends ListCell<DocHit> {
    private final int list;
    private final Label title = new Label();
    private final Label where = new Label();
    private final VBox box = new VBox(1, title, where);

    CompareCell(int list) {
      this.list = list;
      title.getStyleClass().add("compare-title");
      where.getStyleClass().add("compare-where");
    }

    @Override
    protected void updateItem(DocHit h, boolean empty) {
      super.updateItem(h, empty);
      getStyleClass().removeAll("unique", "linked");
      if (empty || h == null || linked == null) {
        setGraphic(null);
        return;
      }
      int rank = getIndex() + 1;
      title.setText(rank + ". " + h.title());
      SearchMode mode = shown.setups().get(list).mode();
      where.setText(linked.elsewhere(list, h.docKey()) + "  ·  " + ScoreFormat.score(h.score(), mode));
      if (linked.unique(list, h.docKey())) {
        getStyleClass().add("unique");
      }
      if (h.docKey().equals(linkedKey.get())) {
        getStyleClass().add("linked");
      }
      setGraphic(box);
    }
  }
}
