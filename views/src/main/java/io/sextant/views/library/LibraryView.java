package io.sextant.views.library;

import io.sextant.services.browse.SourceSummary;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.task.Cancellation;
import io.sextant.views.common.Backend;
import io.sextant.views.common.FileKinds;
import io.sextant.views.common.Fx;
import io.sextant.views.common.FxmlView;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * Controller of LibraryView.fxml. Starts ingests through the {@link Backend}, polls their
 * {@link IngestProgress} while they run and lists sources and failed files afterwards.
 */
public final class LibraryView {

  private final Backend backend;
  private final Parent root;
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final List<List<Path>> queued = new ArrayList<>();
  private Consumer<IngestReport> onIngested = r -> {};
  private Runnable onSourcesChanged = () -> {};
  private Consumer<String> status = s -> {};
  private Consumer<IngestProgress.Snapshot> onProgress = s -> {};
  private Path sampleCorpus;
  private Cancellation cancellation;
  private Timeline poll;

  @FXML private ListView<SourceSummary> sources;
  @FXML private VBox emptyState;
  @FXML private Button sampleButton;
  @FXML private VBox progressBox;
  @FXML private Label progressTitle;
  @FXML private ProgressBar progressBar;
  @FXML private Label progressFile;
  @FXML private Label progressRate;
  @FXML private Button cancelButton;
  @FXML private TitledPane problemsPane;
  @FXML private ListView<FileRecord> problems;
  @FXML private javafx.scene.control.ToggleButton watchToggle;
  /** The watcher's state; source cells follow it in place (no list refresh: an open context menu keeps its cell). */
  private final javafx.beans.property.ObjectProperty<io.sextant.services.watch.WatchStatus> watch =
      new javafx.beans.property.SimpleObjectProperty<>();
  private boolean showingWatch;

  public LibraryView(Backend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.root = FxmlView.load(this, LibraryView.class);
  }

  @FXML
  private void initialize() {
    sources.setCellFactory(list -> {
      SourceCell cell = new SourceCell(list, watch);
      cell.setContextMenu(sourceMenu(cell));
      return cell;
    });
    problems.setCellFactory(list -> new ProblemCell(list));
    sources.getItems().addListener((javafx.collections.ListChangeListener<SourceSummary>) c ->
        showEmptyState(sources.getItems().isEmpty() && !busy.get()));
    progressBox.managedProperty().bind(progressBox.visibleProperty());
    emptyState.managedProperty().bind(emptyState.visibleProperty());
    sources.managedProperty().bind(sources.visibleProperty());
    sampleButton.managedProperty().bind(sampleButton.visibleProperty());
    sampleButton.setVisible(false);
    progressBox.setVisible(false);
    // Live folder watch: the watcher's state marks each source; a batch of changes it applied
    // refreshes the window like a finished ingest (counts, filters, the shown results).
    watchToggle.managedProperty().bind(watchToggle.visibleProperty());
    watchToggle.setVisible(false);
    watchToggle.selectedProperty().addListener((o, was, paused) -> {
      if (!showingWatch) {
        pauseWatching(paused);
      }
    });
    backend.setWatchListener(s -> javafx.application.Platform.runLater(() -> showWatch(s)),
        () -> javafx.application.Platform.runLater(() -> onSourcesChanged.run()));
  }

  /** Shows the watcher's state: a badge per source, and the pause toggle. Call on the FX thread. */
  public void showWatch(io.sextant.services.watch.WatchStatus status) {
    watch.set(status);
    showingWatch = true;
    try {
      watchToggle.setVisible(status != null);
      watchToggle.setSelected(status != null && status.paused());
    } finally {
      showingWatch = false;
    }
    FontIcon icon = new FontIcon(status != null && status.paused() ? "mdmz-play_arrow" : "mdmz-pause");
    watchToggle.setGraphic(icon);
    watchToggle.setTooltip(new Tooltip(status != null && status.paused()
        ? "Watching paused: resume to apply the changes made meanwhile"
        : "Sources are watched for changes: pause"));
  }

  /** Pauses or resumes the folder watch, as the toggle does. */
  public void pauseWatching(boolean paused) {
    Fx.then(backend.pauseWatching(paused), s -> {
      showWatch(s);
      status.accept(paused ? "Watching paused: changes to your files wait until you resume"
          : "Watching resumed: changes made meanwhile are being applied");
    }, e -> {
      status.accept("Could not " + (paused ? "pause" : "resume") + " watching: " + Fx.message(e));
      Fx.then(backend.watchStatus(), s -> showWatch(s.orElse(null)), x -> {});
    });
  }

  /** The watcher's state last shown (null when nothing is watched), for tests. */
  public io.sextant.services.watch.WatchStatus watchShown() {
    return watch.get();
  }

  public Parent root() {
    return root;
  }

  /** Whether an ingest is running. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Called on the FX thread after each ingest, with its report. */
  public void setOnIngested(Consumer<IngestReport> onIngested) {
    this.onIngested = Objects.requireNonNull(onIngested);
  }

  /** Called on the FX thread after a source was removed. */
  public void setOnSourcesChanged(Runnable onSourcesChanged) {
    this.onSourcesChanged = Objects.requireNonNull(onSourcesChanged);
  }

  /** Where one-line status messages go (the window's status bar). */
  public void setStatusSink(Consumer<String> status) {
    this.status = Objects.requireNonNull(status);
  }

  /** Called on the FX thread a few times a second while an ingest runs, and with null after. */
  public void setOnProgress(Consumer<IngestProgress.Snapshot> onProgress) {
    this.onProgress = Objects.requireNonNull(onProgress);
  }

  /** The bundled sample documents, offered as a one-click start on an empty workspace. */
  public void offerSampleCorpus(Path corpus) {
    this.sampleCorpus = corpus;
    sampleButton.setVisible(corpus != null);
  }

  /** Reloads sources and failed files from the catalog. */
  public void reload() {
    Fx.then(backend.sources(), list -> {
      sources.getItems().setAll(list);
      showEmptyState(list.isEmpty() && !busy.get());
    }, e -> status.accept("Could not read the sources: " + Fx.message(e)));
    Fx.then(backend.watchStatus(), s -> showWatch(s.orElse(null)),
        e -> status.accept("Could not read the watch state: " + Fx.message(e)));
    Fx.then(backend.failures(), list -> {
      problems.getItems().setAll(list);
      problemsPane.setText("Problems (" + list.size() + ")");
      problemsPane.setExpanded(!list.isEmpty());
    }, e -> status.accept("Could not read the failed files: " + Fx.message(e)));
  }

  /**
   * Adds folders or files and indexes them in the background. If an ingest is already running,
   * these are indexed after it.
   */
  public void ingest(List<Path> roots) {
    if (roots.isEmpty()) {
      return;
    }
    if (busy.get()) {
      queued.add(List.copyOf(roots));
      status.accept("Queued " + describe(roots) + " after the current run");
      return;
    }
    start(List.copyOf(roots), false);
  }

  /** Re-checks every source; only changed files are parsed and embedded again. */
  @FXML
  public void refresh() {
    if (!busy.get()) {
      start(List.of(), true);
    }
  }

  /** Stops the running ingest after the files in flight; what was indexed stays. */
  @FXML
  public void cancel() {
    if (cancellation != null) {
      cancellation.cancel();
      cancelButton.setDisable(true);
      progressTitle.setText("Cancelling…");
    }
  }

  @FXML
  private void addFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Add a folder to the workspace");
    File dir = chooser.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
    if (dir != null) {
      ingest(List.of(dir.toPath()));
    }
  }

  @FXML
  private void indexSample() {
    if (sampleCorpus != null) {
      ingest(List.of(sampleCorpus));
    }
  }

  private javafx.scene.control.ContextMenu sourceMenu(SourceCell cell) {
    javafx.scene.control.MenuItem recheck = new javafx.scene.control.MenuItem("Re-check for changes");
    recheck.setOnAction(e -> {
      if (cell.getItem() != null) {
        ingest(List.of(cell.getItem().root()));
      }
    });
    javafx.scene.control.MenuItem reveal = new javafx.scene.control.MenuItem("Show in folder");
    reveal.setOnAction(e -> {
      if (cell.getItem() != null) {
        Path root = cell.getItem().root();
        Fx.then(backend.reveal(root), v -> {}, x -> status.accept("Could not show " + root + ": " + Fx.message(x)));
      }
    });
    javafx.scene.control.MenuItem remove = new javafx.scene.control.MenuItem("Remove from workspace…");
    remove.setOnAction(e -> {
      if (cell.getItem() != null) {
        confirmRemove(cell.getItem());
      }
    });
    remove.disableProperty().bind(busy);
    return new javafx.scene.control.ContextMenu(recheck, reveal,
        new javafx.scene.control.SeparatorMenuItem(), remove);
  }

  private void confirmRemove(SourceSummary s) {
    javafx.scene.control.Alert ask = new javafx.scene.control.Alert(
        javafx.scene.control.Alert.AlertType.CONFIRMATION,
        "Its " + s.files() + " files leave the index. The files on disk are not touched.",
        javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
    ask.setTitle("Remove source");
    ask.setHeaderText("Remove " + s.root() + " from this workspace?");
    if (root.getScene() != null) {
      ask.initOwner(root.getScene().getWindow());
    }
    ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).ifPresent(b -> removeSource(s));
  }

  /** Removes a source without asking (the menu asks first). */
  public void removeSource(SourceSummary s) {
    Fx.then(backend.removeSource(s.id()), n -> {
      status.accept("Removed " + s.root() + " (" + n + " files)");
      reload();
      onSourcesChanged.run();
    }, e -> status.accept("Could not remove " + s.root() + ": " + Fx.message(e)));
  }

  private void start(List<Path> roots, boolean refresh) {
    busy.set(true);
    cancellation = new Cancellation();
    IngestProgress progress = new IngestProgress();
    showEmptyState(false);
    progressBox.setVisible(true);
    cancelButton.setDisable(false);
    progressTitle.setText(refresh ? "Checking sources for changes…" : "Reading " + describe(roots) + "…");
    progressBar.setProgress(-1);
    progressFile.setText("");
    progressRate.setText("");
    poll = new Timeline(new KeyFrame(Duration.millis(250), e -> render(progress.snapshot())));
    poll.setCycleCount(Timeline.INDEFINITE);
    poll.play();
    status.accept(refresh ? "Refreshing sources" : "Indexing " + describe(roots));
    var work = refresh ? backend.refresh(progress, cancellation) : backend.ingest(roots, progress, cancellation);
    Fx.then(work, report -> finished(progress, report, null), e -> finished(progress, null, e));
  }

  private void render(IngestProgress.Snapshot s) {
    onProgress.accept(s);
    if (!cancelButton.isDisabled()) {
      progressTitle.setText(s.total() < 0 ? "Looking for files…"
          : "Indexing " + s.done() + " / " + s.total() + " files");
    }
    progressBar.setProgress(s.fraction());
    progressFile.setText((s.lastFile().isEmpty() ? "" : "Read " + s.lastFile())
        + (s.failed() > 0 ? "  ·  " + s.failed() + " failed" : ""));
    progressRate.setText(String.format("%.1f chunks/s · %d chunks · ETA %s", s.chunksPerSecond(),
        s.chunks(), IngestProgress.format(s.eta())));
  }

  private void finished(IngestProgress progress, IngestReport report, Throwable error) {
    poll.stop();
    render(progress.snapshot());
    progressBox.setVisible(false);
    busy.set(false);
    onProgress.accept(null);
    boolean cancelled = cancellation.isCancelled();
    cancellation = null;
    if (error != null) {
      status.accept("Indexing stopped: " + Fx.message(error));
    } else {
      status.accept(summary(report, cancelled));
    }
    reload();
    if (report != null) {
      onIngested.accept(report);
    }
    if (!queued.isEmpty()) {
      start(queued.remove(0), false);
    }
  }

  static String summary(IngestReport r, boolean cancelled) {
    StringBuilder sb = new StringBuilder(cancelled ? "Cancelled after indexing " : "Indexed ");
    sb.append(r.filesIndexed()).append(r.filesIndexed() == 1 ? " file" : " files");
    if (r.filesUnchanged() > 0) {
      sb.append(", ").append(r.filesUnchanged()).append(" unchanged");
    }
    if (r.filesDeleted() > 0) {
      sb.append(", ").append(r.filesDeleted()).append(" removed");
    }
    if (r.filesFailed() > 0) {
      sb.append(", ").append(r.filesFailed()).append(" failed");
    }
    sb.append(" · ").append(r.chunksEmbedded()).append(" chunks embedded in ")
        .append(IngestProgress.format(java.time.Duration.ofMillis(Math.round(r.seconds() * 1000))));
    return sb.toString();
  }

  private void showEmptyState(boolean empty) {
    emptyState.setVisible(empty);
    sources.setVisible(!empty);
  }

  private static String describe(List<Path> roots) {
    if (roots.size() == 1) {
      Path n = roots.get(0).getFileName();
      return n == null ? roots.get(0).toString() : n.toString();
    }
    return roots.size() + " items";
  }

  /** A source: folder icon, name, and its counts (failures in their own colour). */
  private static final class SourceCell extends ListCell<SourceSummary> {
    private final Label name = new Label();
    private final Label watched = new Label();
    private final javafx.scene.layout.HBox title = new javafx.scene.layout.HBox(6, name, watched);
    private final Label detail = new Label();
    private final Label failed = new Label();
    private final VBox box = new VBox(2, title, detail, failed);
    private final javafx.beans.value.ObservableValue<io.sextant.services.watch.WatchStatus> watch;
    /** Held by the cell so the weak listener lives exactly as long as the cell. */
    private final javafx.beans.value.ChangeListener<io.sextant.services.watch.WatchStatus> onWatch =
        (o, a, b) -> showBadge();

    SourceCell(ListView<SourceSummary> list,
        javafx.beans.value.ObservableValue<io.sextant.services.watch.WatchStatus> watch) {
      this.watch = watch;
      watch.addListener(new javafx.beans.value.WeakChangeListener<>(onWatch));
      title.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      watched.managedProperty().bind(watched.visibleProperty());
      name.setGraphic(new FontIcon(Material2AL.FOLDER));
      name.getStyleClass().add("source-name");
      detail.getStyleClass().add("source-detail");
      failed.getStyleClass().add("source-failed");
      failed.managedProperty().bind(failed.visibleProperty());
      box.maxWidthProperty().bind(list.widthProperty().subtract(24));
    }

    @Override
    protected void updateItem(SourceSummary s, boolean empty) {
      super.updateItem(s, empty);
      if (empty || s == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      Path n = s.root().getFileName();
      name.setText(n == null ? s.root().toString() : n.toString());
      detail.setText(s.indexed() + (s.indexed() == 1 ? " file · " : " files · ") + s.chunks()
          + " passages · " + humanBytes(s.bytes()));
      failed.setVisible(s.failed() > 0);
      failed.setText(s.failed() + (s.failed() == 1 ? " file" : " files") + " could not be read");
      showBadge();
      setTooltip(new Tooltip(s.root().toString()));
      setGraphic(box);
    }

    private void showBadge() {
      SourceSummary s = getItem();
      var badge = s == null ? java.util.Optional.<WatchBadge>empty() : WatchBadge.of(watch.getValue(), s.root());
      watched.setVisible(badge.isPresent());
      badge.ifPresent(b -> {
        FontIcon icon = new FontIcon(b.icon());
        icon.getStyleClass().add("watch-icon");
        watched.setGraphic(icon);
        watched.getStyleClass().setAll("label", "watch-badge", b.styleClass());
        watched.setTooltip(new Tooltip(b.tooltip()));
      });
    }
  }

  /** A failed file: its name, its reason underneath, wrapped to the pane's width. */
  private static final class ProblemCell extends ListCell<FileRecord> {
    private final Label name = new Label();
    private final Label reason = new Label();
    private final VBox box = new VBox(2, name, reason);

    ProblemCell(ListView<FileRecord> list) {
      name.getStyleClass().add("problem-name");
      reason.getStyleClass().add("problem-reason");
      reason.setWrapText(true);
      box.setMinWidth(0);
      box.maxWidthProperty().bind(list.widthProperty().subtract(24));
      reason.maxWidthProperty().bind(box.maxWidthProperty());
      reason.prefWidthProperty().bind(box.maxWidthProperty());
      reason.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap instead of eliding
      setPrefWidth(0); // never wider than the list: no sideways scrolling
    }

    @Override
    protected void updateItem(FileRecord f, boolean empty) {
      super.updateItem(f, empty);
      if (empty || f == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      Path p = Path.of(f.path());
      name.setText(p.getFileName() == null ? f.path() : p.getFileName().toString());
      name.setGraphic(new FontIcon(FileKinds.of(f.path()).icon()));
      reason.setText(f.error());
      setTooltip(new Tooltip(f.path() + "\n" + f.error()));
      setGraphic(box);
    }
  }

  static String humanBytes(long b) {
    if (b < 1024) {
      return b + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = b;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }

  /** For the window's drop handling: the node that shows the drop hint. */
  Node emptyStateNode() {
    return emptyState;
  }
}
