package io.sextant.views.workbench;

import io.sextant.services.search.SearchMode;
import io.sextant.views.common.Backend;
import io.sextant.views.common.Fx;
import io.sextant.views.common.LazyTooltips;
import io.sextant.views.common.Theme;
import io.sextant.views.common.UiState;
import io.sextant.views.common.WorkspaceInfo;
import io.sextant.views.common.Judgments;
import io.sextant.views.compare.ComparePort;
import io.sextant.views.compare.CompareView;
import io.sextant.views.evaluate.EvaluatePort;
import io.sextant.views.evaluate.EvaluateView;
import io.sextant.views.explore.ExplorePort;
import io.sextant.views.explore.ExploreView;
import io.sextant.views.inspector.InspectorView;
import io.sextant.views.library.LibraryView;
import io.sextant.views.search.SearchView;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Controller of WorkbenchView.fxml: lays out the three panes, connects them (a selected hit goes
 * to the Inspector, "find similar" back to the Search pane, a finished ingest refreshes filters
 * and results), and owns what is window-wide: drag and drop, shortcuts, theme and geometry.
 */
public final class WorkbenchView {

  private final Backend backend;
  private final UiState state;
  private final Path sampleCorpus;
  private final LibraryView library;
  private final SearchView search;
  private final InspectorView inspector;
  // built when first needed (LazyTab says why); null when the window has no such tab
  private final LazyTab<ExploreView> explore;
  private final LazyTab<CompareView> compare;
  private final LazyTab<EvaluateView> evaluate;
  private final Judgments judgments;
  private final TabPane centre;
  private Runnable onReady = () -> {};
  private Theme theme;
  private Stage stage;
  private WorkspaceInfo workspace;

  @FXML private BorderPane root;
  @FXML private SplitPane split;
  @FXML private StatusBar statusBar;
  @FXML private Label workspaceLabel;
  @FXML private Button themeButton;

  /**
   * @param sampleCorpus the bundled sample documents (indexed on first run of the sample
   *     workspace and offered on empty ones), or null when not installed
   */
  public WorkbenchView(Backend backend, UiState state, Path sampleCorpus) {
    this(backend, state, sampleCorpus, null);
  }

  /**
   * @param explorePort the engine side of the Explore tab, or null for a window without it
   */
  public WorkbenchView(Backend backend, UiState state, Path sampleCorpus, ExplorePort explorePort) {
    this(backend, state, sampleCorpus, explorePort, null, null, null);
  }

  /**
   * @param comparePort the Compare tab's engine side, or null for a window without it
   * @param evaluatePort the Evaluate tab's engine side, or null for a window without it
   * @param judgments where result lists record 0/1/2 judgments, or null for no judging
   */
  public WorkbenchView(Backend backend, UiState state, Path sampleCorpus, ExplorePort explorePort,
      ComparePort comparePort, EvaluatePort evaluatePort, Judgments judgments) {
    this.state = Objects.requireNonNull(state, "state");
    // the theme's stylesheet before the first control exists (Theme.install says why)
    this.theme = Theme.parse(state.get("theme", "LIGHT"));
    theme.install();
    this.centre = new TabPane();
    this.judgments = judgments;
    this.backend = Objects.requireNonNull(backend, "backend");
    this.explore = explorePort == null ? null
        : new LazyTab<>("Explore", () -> new ExploreView(explorePort), ExploreView::root, this::connectExplore);
    this.compare = comparePort == null ? null
        : new LazyTab<>("Compare", () -> new CompareView(comparePort), CompareView::root, this::connectCompare);
    this.evaluate = evaluatePort == null ? null
        : new LazyTab<>("Evaluate", () -> new EvaluateView(evaluatePort), EvaluateView::root, this::connectEvaluate);
    this.sampleCorpus = sampleCorpus;
    this.library = new LibraryView(backend);
    this.search = new SearchView(backend, state);
    this.inspector = new InspectorView(backend);
  }

  /** Loads the window into {@code stage} and shows it. Call on the FX thread. */
  public void show(Stage stage) throws IOException {
    this.stage = Objects.requireNonNull(stage, "stage");
    FXMLLoader loader = new FXMLLoader(WorkbenchView.class.getResource("WorkbenchView.fxml"));
    loader.setController(this);
    loader.load();
    root.getStylesheets().add(WorkbenchView.class.getResource("WorkbenchView.css").toExternalForm());
    LazyTooltips.install(root);
    // the centre pane is a tab per way of looking at the workspace; Library and Inspector stay
    centre.getStyleClass().add("centre-tabs");
    centre.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    centre.setId("centre-tabs");
    centre.getTabs().add(tab("Search", search.root()));
    if (explore != null) {
      centre.getTabs().add(explore.tab());
      // LazyTab's own listener (added first) has built the view by the time this one runs
      explore.tab().selectedProperty().addListener((o, was, now) -> {
        if (now) {
          explore.get().showQuery(search.shownQuery(), search.shownMode()); // the query on the map
          javafx.application.Platform.runLater(explore.get()::focus);
        }
      });
      // results that arrive while the map is shown (a search still running when the tab opened)
      search.results().getItems().addListener((javafx.collections.ListChangeListener<Object>) c -> {
        if (explore.tab().isSelected()) {
          explore.get().showQuery(search.shownQuery(), search.shownMode());
        }
      });
    }
    addCompareAndEvaluateTabs();
    split.getItems().setAll(library.root(), centre, inspector.root());
    SplitPane.setResizableWithParent(library.root(), false);
    SplitPane.setResizableWithParent(inspector.root(), false);

    library.setStatusSink(this::status);
    search.setStatusSink(this::status);
    inspector.setStatusSink(this::status);
    library.offerSampleCorpus(sampleCorpus);
    library.setOnIngested(report -> reloadWorkspace());
    library.setOnProgress(this::showProgressInTitle);
    library.setOnSourcesChanged(this::reloadWorkspace);
    search.setOnSelect(inspector::show);
    inspector.setOnFindSimilar(search::findSimilar);
    WindowGeometry g = WindowGeometry.load(state);
    Scene scene = new Scene(root, g.width(), g.height());
    theme.apply(root);
    updateThemeButton();
    installShortcuts(scene);
    installDragAndDrop(scene);

    stage.setTitle("Sextant");
    stage.setMinWidth(WindowGeometry.MIN_WIDTH);
    stage.setMinHeight(WindowGeometry.MIN_HEIGHT);
    stage.setScene(scene);
    List<double[]> screens = Screen.getScreens().stream().map(Screen::getVisualBounds)
        .map(b -> new double[] {b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight()}).toList();
    if (g.positionedWithin(screens)) {
      stage.setX(g.x());
      stage.setY(g.y());
    }
    stage.setMaximized(g.maximized());
    split.setDividerPositions(g.leftDivider(), g.rightDivider());
    stage.setOnHiding(e -> saveGeometry());
    stage.show();
    search.focusQuery();
    status("Opening the workspace…");
    reloadWorkspace();
  }

  /**
   * Called once on the FX thread when the window is usable: shown, and the workspace open (its
   * name is in the title from then on).
   */
  public void setOnReady(Runnable onReady) {
    this.onReady = Objects.requireNonNull(onReady);
  }

  public LibraryView library() {
    return library;
  }

  public SearchView search() {
    return search;
  }

  public InspectorView inspector() {
    return inspector;
  }

  /** Compare and Evaluate tabs, and one-key judging in the Search list, when their ports are given. */
  private void addCompareAndEvaluateTabs() {
    if (judgments != null) {
      search.setJudgments(judgments, () -> {
        if (evaluate != null && evaluate.built()) { // an unbuilt tab reads the queries when built
          evaluate.get().reloadQueries();
        }
      });
    }
    if (compare != null) {
      centre.getTabs().add(compare.tab());
      compare.tab().selectedProperty().addListener((o, was, now) -> {
        if (now) {
          compare.get().useQuery(search.shownQuery());
        }
      });
    }
    if (evaluate != null) {
      centre.getTabs().add(evaluate.tab());
    }
  }

  /**
   * Builds the tabs not opened yet a little after the window is usable, one per FX turn. Built
   * only on first selection, a tab cost seconds inside the key or click that selected it on a
   * loaded machine, long enough for a held Ctrl+PgDn to auto-repeat and switch again; the window's
   * start-up no longer pays for them either way.
   */
  private void buildTabsSoon() {
    List<LazyTab<?>> tabs = java.util.stream.Stream.of(explore, compare, evaluate)
        .filter(Objects::nonNull).<LazyTab<?>>map(t -> t).toList();
    javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
    wait.setOnFinished(e -> buildFrom(tabs, 0));
    wait.play();
  }

  private static void buildFrom(List<LazyTab<?>> tabs, int i) {
    if (i < tabs.size()) {
      tabs.get(i).get();
      javafx.application.Platform.runLater(() -> buildFrom(tabs, i + 1));
    }
  }

  /** The Explore view, just built: what it reports and selects goes to the window. */
  private void connectExplore(ExploreView v) {
    v.setStatusSink(this::status);
    v.setOnSelect(inspector::show);
    if (workspace != null && !workspace.models().isEmpty()) {
      v.showWorkspace(workspace);
    }
  }

  private void connectCompare(CompareView v) {
    v.setOnSelect(inspector::show);
    if (workspace != null && !workspace.models().isEmpty()) {
      v.showWorkspace(workspace);
    }
  }

  private void connectEvaluate(EvaluateView v) {
    v.setStatusSink(this::status);
    v.setOnOpenQuery(q -> {
      centre.getSelectionModel().select(0);
      search.setQuery(q);
    });
    if (compare != null) {
      v.setOnCompare((q, setups) -> {
        centre.getSelectionModel().select(compare.tab());
        compare.get().open(q, setups);
      });
    }
    if (workspace != null && !workspace.models().isEmpty()) {
      v.showWorkspace(workspace); // also reads the judged queries
    }
  }

  /** The Compare tab's view (built now if it was not yet), or null when the window has none. */
  public CompareView compare() {
    return compare == null ? null : compare.get();
  }

  /** The Evaluate tab's view (built now if it was not yet), or null when the window has none. */
  public EvaluateView evaluate() {
    return evaluate == null ? null : evaluate.get();
  }

  /** The Explore tab's view (built now if it was not yet), or null when the window has none. */
  public ExploreView explore() {
    return explore == null ? null : explore.get();
  }

  /** The centre's tabs (Search, Explore, ...). */
  public TabPane centre() {
    return centre;
  }

  private static Tab tab(String name, javafx.scene.Node content) {
    Tab t = new Tab(name, content);
    t.setId("tab-" + name.toLowerCase(java.util.Locale.ROOT));
    return t;
  }

  /** Indexes folders and files, as dropping them on the window does. */
  public void ingest(List<Path> paths) {
    library.ingest(paths);
  }

  /** The theme in use. */
  public Theme theme() {
    return theme;
  }

  @FXML
  public void toggleTheme() {
    theme = theme.other();
    theme.apply(root);
    state.put("theme", theme.name());
    updateThemeButton();
  }

  @FXML
  private void addFolder() {
    javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
    chooser.setTitle("Add a folder to the workspace");
    File dir = chooser.showDialog(stage);
    if (dir != null) {
      ingest(List.of(dir.toPath()));
    }
  }

  @FXML
  private void refresh() {
    library.refresh();
  }

  @FXML
  private void showShortcuts() {
    Alert a = new Alert(Alert.AlertType.INFORMATION, Shortcuts.help());
    a.setTitle("Keyboard shortcuts");
    a.setHeaderText("Keyboard shortcuts");
    a.initOwner(stage);
    a.show();
  }

  private void reloadWorkspace() {
    Fx.then(backend.workspace(), info -> {
      boolean first = workspace == null;
      workspace = info;
      showProgressInTitle(null);
      workspaceLabel.setText(info.name() + " · " + info.files() + " files · " + info.chunks()
          + " passages · " + String.join(", ", info.models()));
      search.showWorkspace(info);
      // tabs not built yet take the workspace when they are (connectExplore, ...)
      if (explore != null && explore.built() && !info.models().isEmpty()) {
        explore.get().showWorkspace(info);
      }
      if (compare != null && compare.built() && !info.models().isEmpty()) {
        compare.get().showWorkspace(info);
      }
      if (evaluate != null && evaluate.built() && !info.models().isEmpty()) {
        evaluate.get().showWorkspace(info);
      }
      if (!info.brokenModels().isEmpty()) {
        // one line; the note above the search results has the reasons and the fix in full
        status("Warning: " + info.modelProblemSummary()
            + (info.warning().isEmpty() ? "" : "; also " + info.warning()));
      } else if (!info.warning().isEmpty()) {
        status("Warning: " + info.warning());
      } else if (first) {
        status(info.files() == 0 ? "Drop folders or files anywhere on the window to index them"
            : "Ready: " + info.files() + " files in " + info.name());
      }
      if (first) {
        onReady.run();
        buildTabsSoon();
      }
      if (first && info.isSample() && info.files() == 0 && sampleCorpus != null) {
        library.ingest(List.of(sampleCorpus)); // a newcomer can search within seconds
      }
      library.reload();
      reloadFacets();
      if (!first) {
        search.rerun();
      }
    }, e -> status("Could not open the workspace: " + Fx.message(e)));
  }

  /** The title carries ingest progress, so it shows in the task bar while the window is hidden. */
  private void showProgressInTitle(io.sextant.views.library.IngestProgress.Snapshot s) {
    String name = workspace == null ? "" : " — " + workspace.name();
    stage.setTitle(s == null ? "Sextant" + name
        : "Sextant" + name + " — indexing " + Math.max(0, s.done()) + "/" + Math.max(0, s.total()));
  }

  private void reloadFacets() {
    Fx.then(backend.facets(), facets -> Fx.then(backend.sources(),
        sources -> search.showFacets(facets, sources),
        e -> status("Could not read the sources: " + Fx.message(e))),
        e -> status("Could not read the filters: " + Fx.message(e)));
  }

  private void installShortcuts(Scene scene) {
    var acc = scene.getAccelerators();
    acc.put(key(Shortcuts.FOCUS_SEARCH), search::focusQuery);
    acc.put(key(Shortcuts.FOCUS_SEARCH_ALT), search::focusQuery);
    acc.put(key(Shortcuts.ADD_FOLDER), this::addFolder);
    acc.put(key(Shortcuts.REFRESH), this::refresh);
    acc.put(key(Shortcuts.KEYWORD), () -> search.selectMode(SearchMode.KEYWORD));
    acc.put(key(Shortcuts.SEMANTIC), () -> search.selectMode(SearchMode.SEMANTIC));
    acc.put(key(Shortcuts.HYBRID), () -> search.selectMode(SearchMode.HYBRID));
    acc.put(key(Shortcuts.FIND_SIMILAR), inspector::findSimilar);
    acc.put(key(Shortcuts.THEME), this::toggleTheme);
    acc.put(key(Shortcuts.QUIT), () -> stage.close());
    // a filter, not an accelerator: lists use Ctrl+PgDn themselves and would swallow it
    KeyCombination next = key(Shortcuts.NEXT_TAB);
    KeyCombination previous = key(Shortcuts.PREVIOUS_TAB);
    scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      int n = centre.getTabs().size();
      int at = centre.getSelectionModel().getSelectedIndex();
      if (next.match(e)) {
        centre.getSelectionModel().select((at + 1) % n);
        e.consume();
      } else if (previous.match(e)) {
        centre.getSelectionModel().select((at + n - 1) % n);
        e.consume();
      }
    });
  }

  private static KeyCombination key(Shortcuts.Shortcut s) {
    return KeyCombination.keyCombination(s.keys());
  }

  private void installDragAndDrop(Scene scene) {
    scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
      if (e.getDragboard().hasFiles()) {
        e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
        if (!root.getStyleClass().contains("drop-hover")) {
          root.getStyleClass().add("drop-hover");
        }
      }
      e.consume();
    });
    scene.addEventHandler(DragEvent.DRAG_EXITED, e -> root.getStyleClass().remove("drop-hover"));
    scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
      root.getStyleClass().remove("drop-hover");
      boolean ok = e.getDragboard().hasFiles();
      if (ok) {
        ingest(e.getDragboard().getFiles().stream().map(File::toPath).toList());
      }
      e.setDropCompleted(ok);
      e.consume();
    });
  }

  private void updateThemeButton() {
    if (themeButton != null) {
      themeButton.setGraphic(new FontIcon(theme == Theme.DARK ? "mdmz-wb_sunny" : "mdmz-nights_stay"));
    }
  }

  private void saveGeometry() {
    double[] d = split.getDividerPositions();
    new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
        stage.isMaximized(), d.length > 0 ? d[0] : WindowGeometry.DEFAULT.leftDivider(),
        d.length > 1 ? d[1] : WindowGeometry.DEFAULT.rightDivider()).store(state);
  }

  private void status(String text) {
    statusBar.setText(text);
  }

  /** The status line, for tests. */
  public String statusText() {
    return statusBar.getText();
  }

  /** Bounds hint for tests: unused screens are never consulted beyond {@link #show}. */
  static Rectangle2D primaryBounds() {
    return Screen.getPrimary().getVisualBounds();
  }
}
