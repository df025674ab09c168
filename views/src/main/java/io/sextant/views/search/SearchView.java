package io.sextant.views.search;

import io.sextant.services.browse.Facets;
import io.sextant.services.browse.SourceSummary;
import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.Rerank;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.views.common.Backend;
import io.sextant.views.common.FileKinds;
import io.sextant.views.common.Fx;
import io.sextant.views.common.FxmlView;
import io.sextant.views.common.ScoreFormat;
import io.sextant.views.common.HitSelection;
import io.sextant.views.common.Judgments;
import io.sextant.views.common.UiState;
import io.sextant.views.common.WorkspaceInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.RangeSlider;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.textfield.CustomTextField;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Controller of SearchView.fxml. Each edit of the query or a control makes a new
 * {@link SearchForm}; after a short pause the newest form is searched, and answers to older forms
 * are dropped, so typing never shows stale results.
 */
public final class SearchView {

  /** Pause after the last keystroke before searching: below what a typist notices. */
  static final Duration DEBOUNCE = Duration.millis(150);
  private static final String ALL_FOLDERS = "All folders";

  private final Backend backend;
  private final UiState state;
  private final Parent root;
  private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
  private final ZoneId zone = ZoneId.systemDefault();
  private SearchForm form = SearchForm.of("", SearchMode.HYBRID, "none");
  private long generation;
  private boolean searching;
  private boolean searchAgain;
  private SearchResponse shown;
  private String shownQuery = "";
  private Consumer<HitSelection> onSelect = s -> {};
  private Consumer<String> status = s -> {};
  private boolean updatingControls;
  private Judgments judgments;
  private java.util.Map<String, Integer> grades = java.util.Map.of();
  private Runnable onJudged = () -> {};

  @FXML private CustomTextField query;
  @FXML private SegmentedButton modes;
  @FXML private ToggleButton keywordMode;
  @FXML private ToggleButton semanticMode;
  @FXML private ToggleButton hybridMode;
  @FXML private ComboBox<String> model;
  @FXML private Label modelNote;
  /** Models of the workspace that would not load, by id, with why; offered but not choosable. */
  private java.util.Map<String, String> brokenModels = java.util.Map.of();
  @FXML private CheckComboBox<String> types;
  @FXML private ComboBox<String> folder;
  @FXML private RangeSlider dates;
  @FXML private Label dateLabel;
  @FXML private Label summary;
  @FXML private ListView<DocHit> results;
  @FXML private Label placeholder;
  @FXML private ComboBox<RerankChoice> rerank;
  @FXML private Spinner<Integer> rerankDepth;
  @FXML private Button exportButton;
  private ExportChooser exportChooser = SearchView::chooseExportFile;

  public SearchView(Backend backend, UiState state) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.state = Objects.requireNonNull(state, "state");
    this.root = FxmlView.load(this, SearchView.class);
  }

  @FXML
  private void initialize() {
    FontIcon glass = new FontIcon("mdmz-search");
    glass.getStyleClass().add("search-glass");
    query.setLeft(glass);
    query.textProperty().addListener((o, a, b) -> changed(form.withQuery(b)));
    query.addEventFilter(KeyEvent.KEY_PRESSED, this::queryKeys);

    keywordMode.setUserData(SearchMode.KEYWORD);
    semanticMode.setUserData(SearchMode.SEMANTIC);
    hybridMode.setUserData(SearchMode.HYBRID);
    SearchMode saved = parseMode(state.get("search.mode", "HYBRID"));
    modes.getButtons().stream().filter(b -> b.getUserData() == saved).findFirst()
        .ifPresent(b -> b.setSelected(true));
    form = form.withMode(saved);
    modes.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
      if (now == null) {
        was.setSelected(true); // a mode is always chosen
        return;
      }
      SearchMode m = (SearchMode) now.getUserData();
      state.put("search.mode", m.name());
      changed(form.withMode(m));
    });

    model.setCellFactory(list -> new ModelCell());
    model.setButtonCell(new ModelCell());
    FontIcon warn = new FontIcon("mdmz-warning");
    modelNote.setGraphic(warn);
    model.valueProperty().addListener((o, a, b) -> {
      if (b != null && !updatingControls) {
        state.put("search.model", b);
        changed(form.withModel(b));
      }
    });
    types.getCheckModel().getCheckedItems().addListener(
        (javafx.collections.ListChangeListener<String>) c -> {
          if (!updatingControls) {
            changed(form.withFileTypes(new HashSet<>(types.getCheckModel().getCheckedItems())));
          }
        });
    folder.valueProperty().addListener((o, a, b) -> {
      if (!updatingControls) {
        changed(form.withFolder(b == null || ALL_FOLDERS.equals(b) ? null : b));
      }
    });
    dates.setShowTickLabels(false);
    dates.lowValueChangingProperty().addListener((o, a, b) -> { if (!b) datesChanged(); });
    dates.highValueChangingProperty().addListener((o, a, b) -> { if (!b) datesChanged(); });
    dates.lowValueProperty().addListener((o, a, b) -> showDates());
    dates.highValueProperty().addListener((o, a, b) -> showDates());
    dates.setDisable(true);

    setUpRerank();
    exportButton.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(results.getItems()));
    debounce.setOnFinished(e -> runSearch());
    results.setCellFactory(list -> new ResultCell());
    setUpImageGrid();
    // Drop an image file on the search box: search by example.
    query.setOnDragOver(e -> {
      if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream()
          .anyMatch(f -> io.sextant.services.images.ImageDecoder.isImage(f.toPath()))) {
        e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
        e.consume();
      }
    });
    query.setOnDragDropped(e -> {
      var img = e.getDragboard().getFiles().stream().map(java.io.File::toPath)
          .filter(io.sextant.services.images.ImageDecoder::isImage).findFirst();
      img.ifPresent(this::findSimilarImage);
      e.setDropCompleted(img.isPresent());
      e.consume();
    });
    results.setPlaceholder(placeholder);
    results.getSelectionModel().selectedItemProperty().addListener((o, a, hit) -> {
      if (hit != null && shown != null) {
        onSelect.accept(new HitSelection(hit, hit.best(), shownQuery, shown.mode(), form.modelId()));
      }
    });
    results.addEventFilter(KeyEvent.KEY_PRESSED, this::listKeys);
    results.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
        openSelected();
      }
    });
  }

  public Parent root() {
    return root;
  }

  /** Called on the FX thread with every hit the user moves to. */
  public void setOnSelect(Consumer<HitSelection> onSelect) {
    this.onSelect = Objects.requireNonNull(onSelect);
  }

  public void setStatusSink(Consumer<String> status) {
    this.status = Objects.requireNonNull(status);
  }

  /**
   * Lets the result list judge: 0, 1 or 2 on the selected file records its grade for the query
   * shown, and the list marks judged files.
   */
  public void setJudgments(Judgments judgments, Runnable onJudged) {
    this.judgments = Objects.requireNonNull(judgments);
    this.onJudged = Objects.requireNonNull(onJudged);
  }

  /** The note about models that would not load ("" when there is none), for tests. */
  public String modelNote() {
    return modelNote.isVisible() ? modelNote.getText() : "";
  }

  /** The model chosen for semantic and hybrid search. */
  public String chosenModel() {
    return model.getValue();
  }

  /** The query whose results are shown ("" for none or a find-similar list). */
  public String shownQuery() {
    return shownQuery;
  }

  /** The mode of the results shown. */
  public SearchMode shownMode() {
    return shown == null ? form.mode() : shown.mode();
  }

  /** Puts the caret in the search box with its text selected, ready to type over. */
  public void focusQuery() {
    query.requestFocus();
    query.selectAll();
  }

  /** Types {@code text} into the search box (the command line's and tests' way in). */
  public void setQuery(String text) {
    query.setText(text);
  }

  /** Switches the search mode, as the toggle buttons do. */
  public void selectMode(SearchMode m) {
    modes.getButtons().stream().filter(b -> b.getUserData() == m).findFirst()
        .ifPresent(b -> b.setSelected(true));
  }

  /**
   * The models to offer; keeps the current choice when it is still there. A model whose files
   * would not load is listed, marked and not choosable, the first usable one is chosen instead,
   * and a note above the results says which model, what is wrong and how to fix it.
   */
  public void showWorkspace(WorkspaceInfo info) {
    updatingControls = true;
    try {
      brokenModels = info.brokenModels().stream().collect(java.util.stream.Collectors.toMap(
          io.sextant.views.common.BrokenModel::id, io.sextant.views.common.BrokenModel::reason));
      model.getItems().setAll(info.models());
      List<String> usable = info.usableModels();
      String fallback = usable.isEmpty() ? info.models().get(0) : usable.get(0);
      String wanted = state.get("search.model", fallback);
      model.setValue(usable.contains(wanted) ? wanted : fallback);
    } finally {
      updatingControls = false;
    }
    String problem = info.modelProblem();
    modelNote.setText(problem);
    modelNote.setVisible(!problem.isEmpty());
    modelNote.setManaged(!problem.isEmpty());
    form = form.withModel(model.getValue());
    Fx.then(backend.rerankModels(), this::showRerankModels,
        e -> status.accept("Could not list the re-ranking models: " + Fx.message(e)));
  }

  private void setUpRerank() {
    rerank.setConverter(new StringConverter<>() {
      @Override
      public String toString(RerankChoice c) {
        return c == null ? "" : c.label();
      }

      @Override
      public RerankChoice fromString(String s) {
        return null;
      }
    });
    rerank.getItems().setAll(RerankChoice.OFF);
    rerank.setValue(RerankChoice.OFF);
    int depth = Rerank.DEFAULT_DEPTH;
    try {
      depth = Math.max(1, Math.min(Rerank.MAX_DEPTH,
          Integer.parseInt(state.get("search.rerank.depth", Integer.toString(depth)))));
    } catch (NumberFormatException e) {
      // a hand-edited settings file: keep the default
    }
    rerankDepth.setValueFactory(
        new SpinnerValueFactory.IntegerSpinnerValueFactory(1, Rerank.MAX_DEPTH, depth, 10));
    rerankDepth.disableProperty().bind(rerank.valueProperty().isEqualTo(RerankChoice.OFF));
    rerank.valueProperty().addListener((o, a, b) -> {
      if (b != null && !updatingControls) {
        state.put("search.rerank", b.key());
        changed(form.withRerank(b.toRerank(rerankDepth.getValue())));
      }
    });
    rerankDepth.valueProperty().addListener((o, a, b) -> {
      if (b != null && !updatingControls) {
        state.put("search.rerank.depth", b.toString());
        changed(form.withRerank(rerank.getValue().toRerank(b)));
      }
    });
  }

  /** Fills the re-rank menu, keeping the remembered choice when it is still offered. */
  private void showRerankModels(io.sextant.views.common.RerankModels models) {
    List<RerankChoice> options = RerankChoice.options(models);
    RerankChoice current = rerank.getValue() == null || rerank.getValue() == RerankChoice.OFF
        ? RerankChoice.find(options, state.get("search.rerank", "off")) : rerank.getValue();
    updatingControls = true;
    try {
      rerank.getItems().setAll(options);
      rerank.setValue(options.contains(current) ? current : RerankChoice.OFF);
    } finally {
      updatingControls = false;
    }
    form = form.withRerank(rerank.getValue().toRerank(rerankDepth.getValue()));
  }

  /** Chooses re-ranking as the menu does (tests and the command line's way in). */
  public void selectRerank(RerankChoice choice, int depth) {
    rerankDepth.getValueFactory().setValue(depth);
    if (!rerank.getItems().contains(choice)) {
      rerank.getItems().add(choice);
    }
    rerank.setValue(choice);
  }

  /** The re-rank menu, for tests. */
  public ComboBox<RerankChoice> rerankMenu() {
    return rerank;
  }

  /** The file types, folders and date range the filters offer. */
  public void showFacets(Facets facets, List<SourceSummary> sources) {
    updatingControls = true;
    try {
      List<String> checked = List.copyOf(types.getCheckModel().getCheckedItems());
      types.getItems().setAll(facets.fileTypes().keySet().stream().filter(t -> !t.isEmpty()).toList());
      types.setConverter(new StringConverter<>() {
        @Override
        public String toString(String t) {
          Integer n = facets.fileTypes().get(t);
          return t == null ? "" : t + (n == null ? "" : " (" + n + ")");
        }

        @Override
        public String fromString(String s) {
          return s;
        }
      });
      for (String t : checked) {
        if (types.getItems().contains(t)) {
          types.getCheckModel().check(t);
        }
      }
      String current = folder.getValue();
      folder.getItems().setAll(ALL_FOLDERS);
      sources.forEach(s -> folder.getItems().add(s.root().toString()));
      folder.setValue(current != null && folder.getItems().contains(current) ? current : ALL_FOLDERS);
      if (facets.oldestModified() == null) {
        dates.setDisable(true);
        dateLabel.setText("Any date");
      } else {
        long lo = day(facets.oldestModified());
        long hi = Math.max(lo + 1, day(facets.newestModified()));
        dates.setDisable(false);
        dates.setMin(lo);
        dates.setMax(hi);
        dates.setLowValue(lo);
        dates.setHighValue(hi);
        showDates();
      }
    } finally {
      updatingControls = false;
    }
    form = form.withFileTypes(new HashSet<>(types.getCheckModel().getCheckedItems()))
        .withFolder(ALL_FOLDERS.equals(folder.getValue()) ? null : folder.getValue())
        .withDates(null, null);
  }

  /** Searches again with the current controls (after an ingest changed the index). */
  public void rerun() {
    if (!form.query().isBlank()) {
      runSearch();
    }
  }

  /** Lists the images most like an image file (CLIP): a dropped file or an image hit. */
  public void findSimilarImage(Path image) {
    long mine = ++generation;
    debounce.stop();
    summary.setText("Finding images like " + image.getFileName() + "…");
    Fx.then(backend.similarImage(image, form.k()), r -> {
      if (mine == generation) {
        show(r, "");
        summary.setText("Images like " + image.getFileName() + " · "
            + ScoreFormat.summary(r.hits().size(), r.embedMicros(), r.searchMicros()));
      }
    }, e -> summary.setText("Find similar images failed: " + Fx.message(e)));
  }

  /** Lists the chunks most like {@code hit}'s by the chosen model's vectors (images: by CLIP). */
  public void findSimilar(ChunkHit hit) {
    if (io.sextant.services.images.ImageDecoder.isImage(Path.of(hit.path()))) {
      findSimilarImage(Path.of(hit.path()));
      return;
    }
    long mine = ++generation;
    debounce.stop();
    summary.setText("Finding passages like “" + hit.title() + "”…");
    Fx.then(backend.similar(hit, form.modelId(), form.k()), r -> {
      if (mine == generation) {
        show(r, "");
        summary.setText("Like “" + hit.title() + "” (passage " + (hit.ordinal() + 1) + ") · "
            + ScoreFormat.summary(r.hits().size(), r.embedMicros(), r.searchMicros()));
      }
    }, e -> summary.setText("Find similar failed: " + Fx.message(e)));
  }

  /** The hit list, for the window's shortcuts and tests. */
  public ListView<DocHit> results() {
    return results;
  }

  private void changed(SearchForm next) {
    form = next;
    if (form.query().isBlank()) {
      debounce.stop();
      generation++;
      results.getItems().clear();
      shown = null;
      summary.setText("");
      return;
    }
    debounce.playFromStart();
  }

  private void runSearch() {
    debounce.stop();
    Optional<SearchRequest> request;
    try {
      request = form.toRequest(zone);
    } catch (IllegalArgumentException e) {
      summary.setText(e.getMessage());
      return;
    }
    if (request.isEmpty()) {
      return;
    }
    long mine = ++generation; // an answer to an older form is dropped
    if (searching) {
      // One search at a time: with a second stage a search takes seconds, and queueing one per
      // pause in typing would leave the newest form waiting behind all the others.
      searchAgain = true;
      return;
    }
    searching = true;
    String q = form.query();
    Fx.then(backend.search(request.get()), r -> {
      searching = false;
      if (mine == generation) {
        show(r, q);
        summary.setText(ScoreFormat.summary(r.hits().size(), r.embedMicros(), r.searchMicros())
            + RerankChoice.summary(request.get().rerank(), r.rerankMicros()));
      }
      searchNewest();
    }, e -> {
      searching = false;
      if (mine == generation) {
        summary.setText("Search failed: " + Fx.message(e));
        status.accept("Search failed: " + Fx.message(e));
      }
      searchNewest();
    });
  }

  /** Runs the form that changed while a search was running, if any. */
  private void searchNewest() {
    if (searchAgain) {
      searchAgain = false;
      runSearch();
    }
  }

  private void show(SearchResponse r, String q) {
    // The same query again (an ingest or the folder watcher changed the index): keep the file the
    // user is looking at selected rather than jumping back to the top.
    DocHit was = q.equals(shownQuery) ? results.getSelectionModel().getSelectedItem() : null;
    shown = r;
    shownQuery = q;
    grades = java.util.Map.of();
    if (judgments != null && !q.isBlank()) {
      Fx.then(judgments.of(q), g -> {
        if (shown == r) {
          grades = g;
          results.refresh();
        }
      }, e -> status.accept("Could not read judgments: " + Fx.message(e)));
    }
    results.getItems().setAll(r.hits());
    placeholder.setText(q.isBlank() ? "Type to search" : "Nothing matches “" + q + "”. Try another mode or fewer filters.");
    int keep = was == null ? -1 : indexOf(r.hits(), was.docKey());
    if (keep >= 0) {
      results.getSelectionModel().select(keep);
    } else if (!r.hits().isEmpty()) {
      results.getSelectionModel().select(0);
      results.scrollTo(0);
    }
  }

  private static int indexOf(List<DocHit> hits, String docKey) {
    for (int i = 0; i < hits.size(); i++) {
      if (hits.get(i).docKey().equals(docKey)) {
        return i;
      }
    }
    return -1;
  }

  private void queryKeys(KeyEvent e) {
    if (e.getCode() == KeyCode.DOWN && !results.getItems().isEmpty()) {
      results.requestFocus();
      if (results.getSelectionModel().getSelectedIndex() < 0) {
        results.getSelectionModel().select(0);
      }
      e.consume();
    } else if (e.getCode() == KeyCode.ENTER) {
      runSearch(); // no need to wait for the pause
      e.consume();
    } else if (e.getCode() == KeyCode.ESCAPE && !query.getText().isEmpty()) {
      query.clear();
      e.consume();
    }
  }

  private void listKeys(KeyEvent e) {
    if (e.getCode() == KeyCode.ENTER && e.isShiftDown()) {
      revealSelected();
      e.consume();
    } else if (e.getCode() == KeyCode.ENTER) {
      openSelected();
      e.consume();
    } else if (grade(e.getCode()) >= 0 && !e.isShortcutDown()) {
      judgeSelected(grade(e.getCode()));
      e.consume();
    } else if (e.getCode() == KeyCode.UP && results.getSelectionModel().getSelectedIndex() <= 0) {
      focusQuery();
      e.consume();
    } else if (e.getCode() == KeyCode.ESCAPE) {
      focusQuery();
      e.consume();
    }
  }

  private static int grade(KeyCode k) {
    return switch (k) {
      case DIGIT0, NUMPAD0 -> 0;
      case DIGIT1, NUMPAD1 -> 1;
      case DIGIT2, NUMPAD2 -> 2;
      default -> -1;
    };
  }

  /** Judges the selected file for the query shown (0 not relevant, 1 relevant, 2 highly). */
  public void judgeSelected(int grade) {
    DocHit hit = results.getSelectionModel().getSelectedItem();
    if (hit == null || judgments == null) {
      return;
    }
    if (shownQuery.isBlank()) {
      status.accept("Judgments belong to a query: search first, then judge with 0, 1 or 2");
      return;
    }
    String q = shownQuery;
    Fx.then(judgments.judge(q, hit.docKey(), grade), v -> {
      java.util.Map<String, Integer> g = new java.util.HashMap<>(grades);
      g.put(hit.docKey(), grade);
      grades = g;
      results.refresh();
      status.accept("Judged " + hit.title() + " " + grade + " for “" + q + "”");
      onJudged.run();
    }, e -> status.accept("Could not record the judgment: " + Fx.message(e)));
  }

  /** Opens the selected file with the system's default application. */
  public void openSelected() {
    DocHit hit = results.getSelectionModel().getSelectedItem();
    if (hit != null) {
      Fx.then(backend.open(Path.of(hit.path())), v -> status.accept("Opened " + hit.path()),
          e -> status.accept("Could not open " + hit.path() + ": " + Fx.message(e)));
    }
  }

  /** Shows the selected file in its folder. */
  public void revealSelected() {
    DocHit hit = results.getSelectionModel().getSelectedItem();
    if (hit != null) {
      Fx.then(backend.reveal(Path.of(hit.path())), v -> status.accept("Showed " + hit.path() + " in its folder"),
          e -> status.accept("Could not show " + hit.path() + ": " + Fx.message(e)));
    }
  }

  /** Picks the file a result list is exported to; empty when the user cancels. */
  @FunctionalInterface
  public interface ExportChooser {
    Optional<Path> choose(javafx.stage.Window owner, String query);
  }

  /** Replaces the file dialog (tests drive the export button without a native dialog). */
  public void setExportChooser(ExportChooser chooser) {
    this.exportChooser = Objects.requireNonNull(chooser);
  }

  /** Asks where to, then writes the shown results with their scores (CSV or JSON). */
  @FXML
  public void exportResults() {
    if (shown == null || shown.hits().isEmpty()) {
      status.accept("Nothing to export: search first");
      return;
    }
    exportChooser.choose(root.getScene() == null ? null : root.getScene().getWindow(), shownQuery)
        .ifPresent(this::exportResults);
  }

  /** Writes the shown results to {@code file} (CSV or JSON by its extension) in the background. */
  public void exportResults(Path file) {
    SearchResponse r = shown;
    String q = shownQuery;
    if (r == null) {
      return;
    }
    Fx.then(backend.exportResults(q, r, file),
        v -> status.accept("Exported " + r.hits().size() + " results to " + file),
        e -> status.accept("Could not export to " + file + ": " + Fx.message(e)));
  }

  private static Optional<Path> chooseExportFile(javafx.stage.Window owner, String query) {
    javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
    chooser.setTitle("Export results");
    var csv = new javafx.stage.FileChooser.ExtensionFilter("CSV (spreadsheets)", "*.csv");
    var json = new javafx.stage.FileChooser.ExtensionFilter("JSON", "*.json");
    chooser.getExtensionFilters().setAll(csv, json);
    chooser.setSelectedExtensionFilter(csv);
    chooser.setInitialFileName(ExportTarget.suggestedName(query, "csv"));
    java.io.File f = chooser.showSaveDialog(owner);
    if (f == null) {
      return Optional.empty();
    }
    String ext = chooser.getSelectedExtensionFilter() == json ? "json" : "csv";
    return Optional.of(ExportTarget.resolve(f.toPath(), ext));
  }

  private void datesChanged() {
    if (updatingControls || dates.isDisabled()) {
      return;
    }
    boolean whole = dates.getLowValue() <= dates.getMin() && dates.getHighValue() >= dates.getMax();
    changed(whole ? form.withDates(null, null)
        : form.withDates(LocalDate.ofEpochDay(Math.round(dates.getLowValue())),
            LocalDate.ofEpochDay(Math.round(dates.getHighValue()))));
  }

  private void showDates() {
    if (dates.isDisabled()) {
      return;
    }
    dateLabel.setText(LocalDate.ofEpochDay(Math.round(dates.getLowValue())) + " – "
        + LocalDate.ofEpochDay(Math.round(dates.getHighValue())));
  }

  private long day(long epochMs) {
    return Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate().toEpochDay();
  }

  private static SearchMode parseMode(String s) {
    try {
      return SearchMode.valueOf(s);
    } catch (IllegalArgumentException e) {
      return SearchMode.HYBRID;
    }
  }

  private static final int THUMB = 64;
  private static final int GRID_THUMB = 150;

  /** Shows image hits as a grid of thumbnails instead of rows (offered when the results have images). */
  private final ToggleButton gridToggle = new ToggleButton("Grid");
  private final org.controlsfx.control.GridView<DocHit> grid = new org.controlsfx.control.GridView<>();
  /** Grid-sized thumbnails by image path; null while loading. */
  private final java.util.Map<String, javafx.scene.image.Image> bigThumbnails = new java.util.HashMap<>();

  private void setUpImageGrid() {
    gridToggle.setId("image-grid-toggle");
    gridToggle.setAccessibleHelp("Show image results as a grid of thumbnails"); // tooltip on first hover (LazyTooltips)
    gridToggle.managedProperty().bind(gridToggle.visibleProperty());
    gridToggle.setVisible(false);
    ((javafx.scene.layout.Pane) modes.getParent()).getChildren().add(gridToggle);
    grid.setId("image-grid");
    grid.getStyleClass().add("image-grid");
    grid.setCellWidth(GRID_THUMB);
    grid.setCellHeight(GRID_THUMB + 22);
    grid.setHorizontalCellSpacing(8);
    grid.setVerticalCellSpacing(8);
    grid.setCellFactory(g -> new GridThumb());
    grid.managedProperty().bind(grid.visibleProperty());
    grid.visibleProperty().bind(gridToggle.selectedProperty().and(gridToggle.visibleProperty()));
    results.managedProperty().bind(results.visibleProperty());
    results.visibleProperty().bind(grid.visibleProperty().not());
    VBox.setVgrow(grid, Priority.ALWAYS);
    var box = (javafx.scene.layout.Pane) results.getParent();
    box.getChildren().add(box.getChildren().indexOf(results) + 1, grid);
    results.getItems().addListener((javafx.collections.ListChangeListener<DocHit>) c -> {
      List<DocHit> images = results.getItems().stream().filter(h -> h.kind() == DocHit.Kind.IMAGE).toList();
      gridToggle.setVisible(!images.isEmpty());
      grid.getItems().setAll(images);
    });
  }

  /** A grid cell: the thumbnail, the file name under it; a click selects the hit (Inspector follows). */
  private final class GridThumb extends org.controlsfx.control.GridCell<DocHit> {
    private final javafx.scene.image.ImageView view = new javafx.scene.image.ImageView();
    private final Label name = new Label();
    private final VBox box = new VBox(4, view, name);

    GridThumb() {
      view.setFitWidth(GRID_THUMB);
      view.setFitHeight(GRID_THUMB);
      view.setPreserveRatio(true);
      name.getStyleClass().add("grid-name");
      name.setMaxWidth(GRID_THUMB);
      box.setAlignment(javafx.geometry.Pos.CENTER);
      box.getStyleClass().add("grid-thumb");
      setOnMouseClicked(e -> {
        if (getItem() != null) {
          results.getSelectionModel().select(getItem());
        }
      });
    }

    @Override
    protected void updateItem(DocHit d, boolean empty) {
      super.updateItem(d, empty);
      if (empty || d == null) {
        setGraphic(null);
        return;
      }
      name.setText(d.title());
      view.setImage(bigThumbnails.get(d.path()));
      if (!bigThumbnails.containsKey(d.path())) {
        bigThumbnails.put(d.path(), null);
        Fx.then(backend.thumbnail(d.path()), t -> t.ifPresent(f -> {
          bigThumbnails.put(d.path(), new javafx.scene.image.Image(f.toUri().toString(), GRID_THUMB, GRID_THUMB, true, true, true));
          if (d.equals(getItem())) {
            view.setImage(bigThumbnails.get(d.path()));
          }
        }), e -> { });
      }
      Tooltip.install(this, new Tooltip(d.path() + "\n" + ScoreFormat.score(d.score(), shown == null ? form.mode() : shown.mode())));
      setGraphic(box);
    }
  }
  /** Thumbnails by image path; null while loading. Cleared with each new result list. */
  private final java.util.Map<String, javafx.scene.image.Image> thumbnails = new java.util.HashMap<>();

  /** A result: type icon (or thumbnail for an image), title, path, highlighted snippet, and a score bar. */
  /** A model in the chooser: a broken one says so, cannot be chosen, and tells why on hover. */
  private final class ModelCell extends ListCell<String> {
    @Override
    protected void updateItem(String id, boolean empty) {
      super.updateItem(id, empty);
      String reason = empty || id == null ? null : brokenModels.get(id);
      setText(empty || id == null ? null : reason == null ? id : id + " (damaged)");
      setDisable(reason != null);
      setTooltip(reason == null ? null : new javafx.scene.control.Tooltip(reason));
      getStyleClass().remove("model-choice-broken");
      if (reason != null) {
        getStyleClass().add("model-choice-broken");
      }
    }
  }

  private final class ResultCell extends ListCell<DocHit> {
    private final FontIcon icon = new FontIcon();
    private final Label title = new Label();
    private final Label path = new Label();
    private final TextFlow snippet = new TextFlow();
    private final Label more = new Label();
    private final Label score = new Label();
    private final ProgressBar bar = new ProgressBar();
    private final VBox text = new VBox(2, title, path, snippet, more);
    private final Label judged = new Label();
    private final Label moved = new Label();
    private final VBox scores = new VBox(4, score, bar, moved, judged);
    private final javafx.scene.image.ImageView thumb = new javafx.scene.image.ImageView();
    private final HBox row = new HBox(10, thumb, icon, text, scores);

    ResultCell() {
      // A cell's preferred width would otherwise be its longest line (a deep folder path), which
      // widens the list past its viewport: the score column slides off and a scroll bar appears.
      // Zero lets the list size the cell, and the title and path labels end in an ellipsis.
      setPrefWidth(0);
      title.setMinWidth(0);
      path.setMinWidth(0);
      thumb.getStyleClass().add("result-thumb");
      thumb.managedProperty().bind(thumb.visibleProperty());
      icon.managedProperty().bind(icon.visibleProperty());
      thumb.setFitWidth(THUMB);
      thumb.setFitHeight(THUMB);
      thumb.setPreserveRatio(true);
      row.getStyleClass().add("result-row");
      icon.getStyleClass().add("result-icon");
      title.getStyleClass().add("result-title");
      path.getStyleClass().add("result-path");
      snippet.getStyleClass().add("result-snippet");
      more.getStyleClass().add("result-more");
      score.getStyleClass().add("result-score");
      bar.getStyleClass().add("score-bar");
      judged.getStyleClass().add("judged");
      judged.managedProperty().bind(judged.visibleProperty());
      moved.managedProperty().bind(moved.visibleProperty());
      bar.setPrefWidth(64);
      scores.setMinWidth(70);
      HBox.setHgrow(text, Priority.ALWAYS);
      text.setMinWidth(0);
      snippet.maxWidthProperty().bind(results.widthProperty().subtract(175));
      snippet.prefWidthProperty().bind(snippet.maxWidthProperty());
      more.managedProperty().bind(more.visibleProperty());
    }

    @Override
    protected void updateItem(DocHit d, boolean empty) {
      super.updateItem(d, empty);
      if (empty || d == null || shown == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      boolean image = d.kind() == DocHit.Kind.IMAGE;
      thumb.setVisible(image);
      icon.setVisible(!image);
      thumb.setImage(image ? thumbnails.get(d.path()) : null);
      if (image && !thumbnails.containsKey(d.path())) {
        thumbnails.put(d.path(), null);
        Fx.then(backend.thumbnail(d.path()), t -> t.ifPresent(f -> {
          // Background loading, scaled on load: the FX thread never decodes a full image.
          thumbnails.put(d.path(), new javafx.scene.image.Image(f.toUri().toString(), THUMB, THUMB, true, true, true));
          results.refresh();
        }), e -> { });
      }
      FileKinds.Kind kind = FileKinds.of(d.path());
      icon.setIconCode(kind.icon());
      icon.getStyleClass().setAll("result-icon", kind.styleClass());
      title.setText(d.title());
      Path p = Path.of(d.path());
      path.setText(p.getParent() == null ? d.path() : p.getFileName() + "  ·  " + p.getParent());
      ChunkHit best = d.best();
      snippet.getChildren().setAll(snippetTexts(best));
      more.setVisible(d.chunks().size() > 1);
      more.setText("+" + (d.chunks().size() - 1) + " more passage" + (d.chunks().size() > 2 ? "s" : "")
          + " of this file ranked");
      score.setText(ScoreFormat.score(d.score(), shown.mode()));
      double top = shown.hits().isEmpty() ? 0 : shown.hits().get(0).score();
      bar.setProgress(ScoreFormat.barFraction(d.score(), top));
      Optional<RankChange> change = RankChange.of(d, getIndex());
      moved.setVisible(change.isPresent());
      change.ifPresent(c -> {
        moved.setText(c.badge());
        moved.getStyleClass().setAll("label", "rank-change",
            "rank-" + c.direction().name().toLowerCase(java.util.Locale.ROOT));
        moved.setTooltip(new Tooltip(c.describe()));
      });
      Integer g = grades.get(d.docKey());
      judged.setVisible(g != null);
      judged.setText(g == null ? "" : g == 0 ? "judged 0" : g == 1 ? "judged 1 ✓" : "judged 2 ✓✓");
      judged.getStyleClass().setAll("label", "judged", g == null ? "" : "grade-" + g);
      Tooltip tip = new Tooltip(ScoreFormat.tooltip(d, shown.mode()));
      tip.setShowDelay(Duration.millis(300));
      setTooltip(tip);
      setGraphic(row);
    }
  }

  /** The snippet as text runs, with the query's matched terms in their own style. */
  static List<Text> snippetTexts(ChunkHit h) {
    String s = h.snippet().replace('\n', ' ');
    List<Text> out = new java.util.ArrayList<>();
    int at = 0;
    for (int[] r : h.highlights()) {
      if (r[0] > at) {
        out.add(plain(s.substring(at, r[0])));
      }
      Text t = new Text(s.substring(r[0], r[1]));
      t.getStyleClass().addAll("snippet-text", "hit-term");
      out.add(t);
      at = r[1];
    }
    if (at < s.length()) {
      out.add(plain(s.substring(at)));
    }
    return out;
  }

  private static Text plain(String s) {
    Text t = new Text(s);
    t.getStyleClass().add("snippet-text");
    return t;
  }
}
