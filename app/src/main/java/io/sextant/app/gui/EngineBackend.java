package io.sextant.app.gui;

import io.sextant.services.browse.ChunkContext;
import io.sextant.services.browse.Facets;
import io.sextant.services.browse.SourceSummary;
import io.sextant.services.browse.WorkspaceBrowser;
import io.sextant.services.catalog.FileRecord;
import io.sextant.services.engine.Engine;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.model.ModelEntry;
import io.sextant.services.model.TextEmbedder;
import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.Lane;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.watch.FolderWatcher;
import io.sextant.services.watch.WatchStatus;
import io.sextant.views.common.Backend;
import io.sextant.views.common.BrokenModel;
import io.sextant.views.common.WorkspaceInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Supplier;

/**
 * The workbench's {@link Backend} over one engine. Each call becomes a task on the lane of the
 * resource it uses: ingests on INDEX (their parsing fans out to PARSE), catalog reads and desktop
 * commands on IO, searches on SEARCH — so a long ingest never queues in front of a search or an
 * Inspector lookup.
 */
public final class EngineBackend implements Backend {

  private static final Logger LOG = Logger.getLogger(EngineBackend.class.getName());
  /** How an imported model's manifest names the folder it came from. */
  private static final String IMPORTED_FROM = "folder:";

  private final CompletableFuture<Engine> engine;
  private final TaskRunner tasks;
  private final FileActions desktop;
  private final boolean sample;
  private final Supplier<String> warning;

  /**
   * @param engine the engine, possibly still opening
   * @param sample whether the workspace is the bundled sample workspace
   * @param warning a standing warning for the status bar (e.g. slow vector code), or ""; asked
   *     off the FX thread, once per workspace description
   */
  public EngineBackend(CompletableFuture<Engine> engine, TaskRunner tasks, FileActions desktop,
      boolean sample, Supplier<String> warning) {
    this(engine, tasks, desktop, sample, warning, FolderWatcher.Timing.DEFAULT);
  }

  /**
   * @param watch how the workspace's sources are watched for changes once the engine is open, or
   *     null to watch nothing
   */
  public EngineBackend(CompletableFuture<Engine> engine, TaskRunner tasks, FileActions desktop,
      boolean sample, Supplier<String> warning, FolderWatcher.Timing watch) {
    this(engine, tasks, desktop, sample, warning, watch, CompletableFuture.completedFuture(null));
  }

  /**
   * @param watchFrom watching starts once the engine is open and this has completed: the
   *     launcher completes it when the window is usable, because the watcher's first pass
   *     (registering every folder, then an incremental re-ingest of every source to catch what
   *     changed while Sextant was closed) took about a CPU-second that the window's start-up
   *     needed more
   */
  public EngineBackend(CompletableFuture<Engine> engine, TaskRunner tasks, FileActions desktop,
      boolean sample, Supplier<String> warning, FolderWatcher.Timing watch, CompletableFuture<?> watchFrom) {
    Objects.requireNonNull(watchFrom, "watchFrom");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.desktop = Objects.requireNonNull(desktop, "desktop");
    this.sample = sample;
    this.warning = Objects.requireNonNull(warning, "warning");
    if (watch != null) {
      engine.thenCombine(watchFrom, (e, ignored) -> e).thenAccept(e -> startWatching(e, watch));
    }
  }

  // ------------------------------------------------------------------ live folder watch

  private volatile Consumer<WatchStatus> watchStatusListener = s -> {};
  private volatile Runnable watchChangeListener = () -> {};

  /** Watches every source of the workspace (those there now, and those added later). */
  private void startWatching(Engine e, FolderWatcher.Timing timing) {
    try {
      FolderWatcher w = e.watch(timing, true);
      w.addListener(s -> watchStatusListener.accept(s));
      e.onWatchedChanges(r -> {
        if (r.filesIndexed() > 0 || r.filesDeleted() > 0) { // a rescan that found nothing stays quiet
          watchChangeListener.run();
        }
      });
    } catch (RuntimeException ex) {
      LOG.log(Level.WARNING, "could not watch the sources of " + e.workspace().root(), ex);
    }
  }

  @Override
  public void setWatchListener(Consumer<WatchStatus> status, Runnable changed) {
    watchStatusListener = Objects.requireNonNull(status, "status");
    watchChangeListener = Objects.requireNonNull(changed, "changed");
  }

  @Override
  public CompletableFuture<Optional<WatchStatus>> watchStatus() {
    return on(Lane.IO, "watch status", e -> () -> e.watcher().map(FolderWatcher::status));
  }

  @Override
  public CompletableFuture<WatchStatus> pauseWatching(boolean paused) {
    return on(Lane.IO, paused ? "pause watching" : "resume watching", e -> () -> {
      FolderWatcher w = e.watcher().orElseThrow(() -> new IllegalStateException("no folder is watched"));
      if (paused) {
        w.pause();
      } else {
        w.resume();
      }
      return w.status();
    });
  }

  private <T> CompletableFuture<T> on(Lane lane, String name, Function<Engine, Callable<T>> work) {
    return engine.thenCompose(e -> tasks.submit(lane, name, work.apply(e)));
  }

  @Override
  public CompletableFuture<WorkspaceInfo> workspace() {
    return on(Lane.IO, "describe workspace", e -> () -> {
      int files = 0;
      for (SourceSummary s : new WorkspaceBrowser(e.catalog()).sources()) {
        files += s.indexed();
      }
      Path root = e.workspace().root();
      Path name = root.getFileName();
      return new WorkspaceInfo(name == null ? root.toString() : name.toString(), root,
          e.config().models(), files, e.catalog().chunkCount(), warning.get(), sample,
          e.brokenModels().stream().map(EngineBackend::broken).toList());
    });
  }

  /** A broken model as the window shows it, with the folder it was imported from when known. */
  private static BrokenModel broken(ModelEntry entry) {
    String source = entry.manifest() == null ? "" : entry.manifest().source();
    return new BrokenModel(entry.id(), entry.reason(),
        source.startsWith(IMPORTED_FROM) ? source.substring(IMPORTED_FROM.length()) : "");
  }

  @Override
  public CompletableFuture<List<SourceSummary>> sources() {
    return on(Lane.IO, "list sources", e -> () -> new WorkspaceBrowser(e.catalog()).sources());
  }

  @Override
  public CompletableFuture<List<FileRecord>> failures() {
    return on(Lane.IO, "list failed files", e -> () -> new WorkspaceBrowser(e.catalog()).failures());
  }

  @Override
  public CompletableFuture<Facets> facets() {
    return on(Lane.IO, "read facets", e -> () -> new WorkspaceBrowser(e.catalog()).facets());
  }

  @Override
  public CompletableFuture<IngestReport> ingest(List<Path> roots, IngestListener listener,
      Cancellation cancel) {
    List<Path> copy = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    return on(Lane.INDEX, "ingest", e -> () -> {
      IngestReport report = e.ingest(copy, listener, cancel);
      // new sources are watched at once, not at the next periodic rescan
      e.watcher().ifPresent(w -> copy.forEach(w::rewatch));
      return report;
    });
  }

  @Override
  public CompletableFuture<IngestReport> refresh(IngestListener listener, Cancellation cancel) {
    return on(Lane.INDEX, "refresh sources", e -> () -> e.refreshAll(listener, cancel));
  }

  @Override
  public CompletableFuture<Integer> removeSource(long sourceId) {
    // INDEX: it writes the index, so it waits for a running ingest instead of racing it
    return on(Lane.INDEX, "remove source", e -> () -> {
      // unwatched first: a batch of its changes must not arrive while it is being forgotten
      e.watcher().ifPresent(w -> e.catalog().sources().stream().filter(s -> s.id() == sourceId)
          .forEach(s -> w.unwatch(s.root())));
      return e.removeSource(sourceId);
    });
  }

  @Override
  public CompletableFuture<SearchResponse> search(SearchRequest request) {
    // With a CLIP model on the workspace, images join the list (merged by rank).
    return on(Lane.SEARCH, "search", e -> () -> e.clipModel().isPresent() && !request.query().isBlank()
        ? e.photos().searchMixed(request, request.k()) : e.search(request));
  }

  @Override
  public CompletableFuture<SearchResponse> similarImage(Path image, int k) {
    return on(Lane.SEARCH, "find similar images", e -> () -> e.photos().searchSimilar(image, k,
        io.sextant.services.search.SearchFilters.NONE, io.sextant.services.photos.ImageFilters.NONE));
  }

  @Override
  public CompletableFuture<java.util.Optional<Path>> thumbnail(String imagePath) {
    return on(Lane.IO, "thumbnail", e -> () -> e.photos().thumbnail(imagePath));
  }

  @Override
  public CompletableFuture<java.util.Map<String, String>> imageFacts(String imagePath) {
    return on(Lane.IO, "image facts", e -> () -> {
      var facts = new java.util.LinkedHashMap<String, String>();
      e.photos().image(imagePath).ifPresent(r -> {
        facts.put("Size", r.width() + " × " + r.height() + " px");
        if (r.format() != null) {
          facts.put("Format", r.format());
        }
        if (r.taken() != null) {
          facts.put("Taken", r.taken().replace('T', ' '));
        }
        String cam = r.cameraModel() != null ? r.cameraModel() : r.cameraMake();
        if (cam != null) {
          facts.put("Camera", cam);
        }
        if (r.orientation() > 1) {
          facts.put("EXIF orientation", Integer.toString(r.orientation()));
        }
        e.clipModel().ifPresent(c -> facts.put("CLIP model", c));
      });
      return facts;
    });
  }

  @Override
  public CompletableFuture<ChunkContext> context(ChunkHit hit, int radius) {
    return on(Lane.IO, "chunk context",
        e -> () -> new WorkspaceBrowser(e.catalog()).context(hit.docKey(), hit.ordinal(), radius));
  }

  @Override
  public CompletableFuture<SearchResponse> similar(ChunkHit hit, String modelId, int k) {
    return on(Lane.SEARCH, "find similar", e -> () -> similarTo(e, hit, modelId, k));
  }

  /** Nearest chunks by the stored vector of {@code hit}'s chunk, without the chunk itself. */
  static SearchResponse similarTo(Engine e, ChunkHit hit, String modelId, int k) throws IOException {
    WorkspaceBrowser browser = new WorkspaceBrowser(e.catalog());
    var chunk = browser.context(hit.docKey(), hit.ordinal(), 0).chunk();
    TextEmbedder embedder = e.embedder(modelId);
    float[] vector = browser.vectorOf(chunk, embedder)
        .orElseGet(() -> embedder.embedPassages(List.of(chunk.text())).vectors()[0]);
    SearchResponse r = e.search(SearchRequest.builder(chunk.text(), SearchMode.SEMANTIC)
        .modelId(modelId).k(Math.min(SearchRequest.MAX_K, k + 1)).queryVector(vector).build());
    List<DocHit> hits = new ArrayList<>();
    for (DocHit d : r.hits()) {
      List<ChunkHit> others = d.chunks().stream().filter(c -> !c.chunkId().equals(hit.chunkId())).toList();
      if (!others.isEmpty() && hits.size() < k) {
        hits.add(new DocHit(d.docKey(), d.path(), d.title(), others.get(0).score(), others));
      }
    }
    return new SearchResponse(hits, r.mode(), r.modelId(), r.embedMicros(), r.searchMicros(),
        r.totalCandidates());
  }

  @Override
  public CompletableFuture<io.sextant.views.common.RerankModels> rerankModels() {
    return on(Lane.IO, "list rerankers",
        e -> () -> new io.sextant.views.common.RerankModels(e.biEncoderIds(), e.crossEncoderIds()));
  }

  @Override
  public CompletableFuture<Void> exportResults(String query, SearchResponse results, Path file) {
    return tasks.submit(Lane.IO, "export results", () -> {
      io.sextant.services.export.ResultExporter.write(query, results, file);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> open(Path file) {
    return tasks.submit(Lane.IO, "open file", () -> {
      desktop.open(file);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> reveal(Path file) {
    return tasks.submit(Lane.IO, "reveal file", () -> {
      desktop.reveal(file);
      return null;
    });
  }
}
