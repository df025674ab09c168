package io.sextant.services.engine;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.VectorEncoding;
import io.sextant.services.indexing.IndexRebuilder;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.indexing.IngestService;
import io.sextant.services.ingest.Chunker;
import io.sextant.services.ingest.ChunkerSettings;
import io.sextant.services.ingest.DocumentParser;
import io.sextant.services.ingest.FileParser;
import io.sextant.services.ingest.worker.IsolatedParser;
import io.sextant.services.ingest.worker.ParserLimits;
import io.sextant.services.model.ModelEntry;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.model.ModelStatus;
import io.sextant.services.model.TextEmbedder;
import io.sextant.services.rerank.BiEncoderReranker;
import io.sextant.services.rerank.CrossEncoder;
import io.sextant.services.search.Reranker;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.search.SearchService;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.Lane;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.watch.FolderWatcher;
import io.sextant.services.workspace.Workspace;
import io.sextant.services.workspace.WorkspaceLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * One open workspace. Holds the workspace lock, the catalog, the index, and the embedders loaded
 * so far (models load lazily, once, and stay loaded: loading costs far more than a query).
 */
public final class Engine implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Engine.class.getName());
  /**
   * Per-file chunk cap: a system property like the parser's limits (set through
   * SEXTANT_JVM_OPTS), read at each ingest.
   */
  public static final String MAX_CHUNKS_PER_FILE_PROPERTY = "sextant.ingest.maxChunksPerFile";

  private final Workspace workspace;
  private final ModelRegistry registry;
  private final TaskRunner tasks;
  private final WorkspaceLock lock;
  private final Catalog catalog;
  private final ChunkIndex index;
  private final SearchService search;
  private final Map<String, TextEmbedder> loaded = new ConcurrentHashMap<>();
  private final Map<String, Reranker> rerankers = new ConcurrentHashMap<>();
  /**
   * Serialises ingests: a folder watcher and a user can both start one, and two runs over the same
   * catalog rows would race on every file they share.
   */
  private final ReentrantLock ingestLock = new ReentrantLock();
  private FolderWatcher watcher; // guarded by this
  /** Told of each batch the watcher applied, with what it changed. */
  private final List<java.util.function.Consumer<IngestReport>> watchReports =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  /**
   * One parser for every run: building Tika's parser registry is costly. By default each file is
   * parsed in a worker process with a time and memory bound, so a hostile file costs that file
   * only; {@code -Dsextant.parser.isolated=false} parses in this JVM (faster start, no bounds).
   */
  private final FileParser parser = Boolean.parseBoolean(System.getProperty("sextant.parser.isolated", "true"))
      ? new IsolatedParser(ParserLimits.fromSystemProperties()) : new DocumentParser();
  private final EngineConfig config;
  private boolean chunkerChanged;

  private Engine(Workspace workspace, ModelRegistry registry, TaskRunner tasks, WorkspaceLock lock,
      Catalog catalog, ChunkIndex index, EngineConfig config) {
    this.workspace = workspace;
    this.registry = registry;
    this.tasks = tasks;
    this.lock = lock;
    this.catalog = catalog;
    this.index = index;
    this.config = config;
    this.search = new SearchService(
        index, (model, query) -> embedder(model).embedQuery(query), this::reranker,
        tasks.executor(Lane.SEARCH_PART));
  }

  /**
   * Opens a workspace with its stored settings (or the defaults, for a new one), adjusted by
   * {@code adjust}. When the adjusted settings change what the index holds (models, HNSW,
   * encoding), the index is rebuilt from the catalog and embedding cache before this returns.
   */
  public static Engine open(Workspace ws, ModelRegistry registry, TaskRunner tasks,
      UnaryOperator<EngineConfig> adjust) throws IOException {
    return open(ws, registry, tasks, adjust, false);
  }

  /**
   * Opens a workspace after throwing its search index away and rebuilding it from the catalog
   * and the embedding cache: the repair for a damaged index. Models run only for chunks the
   * cache has no vector for (normally none).
   */
  public static Engine openRepairing(Workspace ws, ModelRegistry registry, TaskRunner tasks)
      throws IOException {
    return open(ws, registry, tasks, UnaryOperator.identity(), true);
  }

  private static Engine open(Workspace ws, ModelRegistry registry, TaskRunner tasks,
      UnaryOperator<EngineConfig> adjust, boolean repair) throws IOException {
    Objects.requireNonNull(ws, "workspace");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(tasks, "tasks");
    WorkspaceLock lock = WorkspaceLock.acquire(ws);
    Catalog catalog = null;
    ChunkIndex index = null;
    try {
      catalog = Catalog.open(ws.catalogFile());
      EngineConfig stored = ConfigStore.read(catalog);
      EngineConfig wanted = adjust.apply(stored == null ? EngineConfig.defaults() : stored);
      for (String m : wanted.models()) {
        // New ids fail here, with the list of known ones. Models the workspace already had are
        // not checked: one whose folder was damaged or deleted since must not lock the user out
        // of the index (keyword search, the other models); brokenModels() says what is wrong.
        if (stored == null || !stored.models().contains(m)) {
          registry.manifest(m);
        }
      }
      if (repair) {
        deleteIndexFiles(ws.indexDir());
      }
      index = openIndex(ws, wanted);
      Engine engine = new Engine(ws, registry, tasks, lock, catalog, index, wanted);
      String builtFor = catalog.meta(ConfigStore.INDEX_FINGERPRINT).orElse(null);
      if (repair) {
        LOG.info("repair: rebuilding the index of " + ws.root() + " from the catalog");
        engine.rebuild(IngestListener.NONE);
      } else if (builtFor != null && !builtFor.equals(wanted.indexFingerprint()) && catalog.chunkCount() > 0) {
        LOG.info("index settings changed (" + builtFor + " -> " + wanted.indexFingerprint()
            + "); rebuilding from the catalog");
        engine.rebuild(IngestListener.NONE);
      }
      engine.chunkerChanged = stored != null && !stored.chunker().equals(wanted.chunker())
          && catalog.chunkCount() > 0;
      ConfigStore.write(catalog, wanted);
      catalog.putMeta(ConfigStore.INDEX_FINGERPRINT, wanted.indexFingerprint());
      return engine;
    } catch (IOException | RuntimeException e) {
      if (index != null) {
        // A rebuild that failed (say its model folder is damaged) has deleted the old chunks
        // without committing; discarding keeps the index the user had.
        index.closeDiscardingChanges();
      }
      if (catalog != null) {
        catalog.close();
      }
      lock.close();
      throw e;
    }
  }

  /** Opens the index, turning Lucene's corruption errors into one a user can act on. */
  private static ChunkIndex openIndex(Workspace ws, EngineConfig config) throws IOException {
    try {
      return ChunkIndex.open(ws.indexDir(), config.index());
    } catch (org.apache.lucene.index.CorruptIndexException
        | org.apache.lucene.index.IndexFormatTooOldException
        | org.apache.lucene.index.IndexFormatTooNewException
        | java.io.EOFException | java.nio.file.NoSuchFileException e) {
      throw new IndexDamagedException("the search index of workspace " + ws.root() + " is damaged ("
          + e.getClass().getSimpleName() + "); run 'sextant repair --workspace " + ws.root()
          + "' to rebuild it from the catalog (no file is re-read, no model re-run)", e);
    }
  }

  private static void deleteIndexFiles(Path dir) throws IOException {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return;
    }
    try (var files = java.nio.file.Files.list(dir)) {
      for (Path f : files.toList()) {
        java.nio.file.Files.deleteIfExists(f);
      }
    }
  }

  /** The workspace's search index cannot be read; {@link #openRepairing} rebuilds it. */
  public static final class IndexDamagedException extends IOException {
    public IndexDamagedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Indexes (or refreshes) folders and files; see {@link IngestService#ingest}. With a CLIP model
   * enabled ({@link #useClipModel}) images go to the image index instead (see {@link Photos}),
   * and the report counts both.
   */
  public IngestReport ingest(List<Path> roots, IngestListener listener, Cancellation cancel)
      throws IOException {
    ingestLock.lock();
    try {
      return ingestLocked(roots, listener, cancel);
    } finally {
      ingestLock.unlock();
    }
  }

  private IngestReport ingestLocked(List<Path> roots, IngestListener listener, Cancellation cancel)
      throws IOException {
    boolean images = clipModel().isPresent();
    var service = new IngestService(catalog, index, parser,
        new Chunker(embedder(config.models().get(0)), config.chunker(),
            Integer.getInteger(MAX_CHUNKS_PER_FILE_PROPERTY, Chunker.DEFAULT_MAX_CHUNKS_PER_FILE)),
        config.models(),
        embedders, tasks.executor(Lane.PARSE),
        images ? io.sextant.services.images.ImageDecoder::isImage : p -> false);
    IngestReport report = service.ingest(roots, chunkerChanged, listener, cancel);
    chunkerChanged = false;
    if (images) {
      report = Photos.merge(report, photos.ingest(roots, listener, cancel));
    }
    return report;
  }

  // ------------------------------------------------------------------ images (CLIP)

  private final Photos photos = new Photos(this);

  /** The CLIP model that indexes this workspace's images, if one is enabled. */
  public java.util.Optional<String> clipModel() {
    return catalog.meta(Photos.CLIP_META).filter(s -> !s.isBlank());
  }

  /**
   * Enables a CLIP model for images (loading it first, so a bad model fails here), or disables
   * image indexing with null. Takes effect at the next ingest.
   */
  public void useClipModel(String id) {
    photos.use(id);
  }

  /** Image search and image facts; empty methods' results when no CLIP model is enabled. */
  public Photos photos() {
    return photos;
  }

  ModelRegistry registry() {
    return registry;
  }

  /**
   * Starts watching every source folder (and those added later) on the watch lane, applying
   * changes through {@link #ingest}; returns the running watcher if there is one already.
   */
  public synchronized FolderWatcher watch(FolderWatcher.Timing timing, boolean notifications) {
    if (watcher == null) {
      watcher = new FolderWatcher(this::refreshWatched,
          () -> catalog.sources().stream().map(s -> s.root()).toList(), timing, notifications);
      watcher.start(tasks.executor(Lane.WATCH));
    }
    return watcher;
  }

  /**
   * The watcher's refresh: re-ingests the roots that are still sources. Checked under the ingest
   * lock, so a source the user removed meanwhile is not added back by a late batch.
   */
  private void refreshWatched(List<Path> roots) throws IOException {
    IngestReport report = null;
    ingestLock.lock();
    try {
      var sources = catalog.sources().stream().map(s -> s.root().toAbsolutePath().normalize()).toList();
      List<Path> live = roots.stream().filter(sources::contains).toList();
      if (!live.isEmpty()) {
        report = ingestLocked(live, IngestListener.NONE, new Cancellation());
      }
    } finally {
      ingestLock.unlock();
    }
    if (report != null) {
      for (var l : watchReports) { // outside the lock: a listener never holds up an ingest
        try {
          l.accept(report);
        } catch (RuntimeException e) {
          LOG.log(java.util.logging.Level.WARNING, "watch report listener failed", e);
        }
      }
    }
  }

  /**
   * Calls {@code listener} (on the watch lane) with the report of every batch of changes the
   * folder watcher applies, so a window can refresh what it shows.
   */
  public void onWatchedChanges(java.util.function.Consumer<IngestReport> listener) {
    watchReports.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The running folder watcher, if {@link #watch} was called. */
  public synchronized java.util.Optional<FolderWatcher> watcher() {
    return java.util.Optional.ofNullable(watcher);
  }

  /** Re-indexes every source already in the catalog. */
  public IngestReport refreshAll(IngestListener listener, Cancellation cancel) throws IOException {
    List<Path> roots = catalog.sources().stream().map(s -> s.root()).toList();
    return ingest(roots, listener, cancel);
  }

  /** Rewrites the index from the catalog and embedding cache. */
  public IndexRebuilder.Result rebuild(IngestListener listener) throws IOException {
    return new IndexRebuilder(catalog, embedders).rebuild(index, config.models(), listener);
  }

  public SearchResponse search(SearchRequest request) throws IOException {
    return search.search(request);
  }

  /**
   * The second-stage model of that id, loading it on first use: an embedding model the registry
   * knows becomes a bi-encoder reranker; otherwise {@link #rerankersDir()}{@code /<id>} must hold a
   * cross-encoder ({@code model.onnx} + {@code tokenizer.json}).
   *
   * @throws IllegalArgumentException if neither exists
   */
  public Reranker reranker(String id) {
    return rerankers.computeIfAbsent(id, i -> {
      if (registry.ids().contains(i)) {
        return new BiEncoderReranker(embedder(i));
      }
      Path dir = rerankersDir().resolve(i);
      if (!CrossEncoder.isFolder(dir)) {
        throw new IllegalArgumentException("no reranker " + i + ": not an embedding model ("
            + registry.ids() + ") and no cross-encoder folder " + dir
            + " (with model.onnx and tokenizer.json)");
      }
      return CrossEncoder.open(dir, config.threads());
    });
  }

  /** Where cross-encoders live: a {@code rerankers} folder beside the models folder. */
  public Path rerankersDir() {
    return registry.modelsDir().resolveSibling("rerankers");
  }

  /**
   * Embedding models that can re-rank as bi-encoders: every model whose files are present (a
   * built-in on the class path, or an imported folder), by id.
   */
  public List<String> biEncoderIds() {
    return registry.list().stream()
        .filter(m -> m.status() != io.sextant.services.model.ModelStatus.BROKEN)
        .map(m -> m.id()).sorted().toList();
  }

  /** The cross-encoders installed in {@link #rerankersDir()}, by folder name. */
  public List<String> crossEncoderIds() {
    Path dir = rerankersDir();
    if (!java.nio.file.Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = java.nio.file.Files.list(dir)) {
      return s.filter(CrossEncoder::isFolder).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Embedders for ingest and rebuild: models load on first inference, while the manifest the
   * embedding cache is keyed by comes from the registry without loading anything.
   */
  private final io.sextant.services.indexing.EmbedderSource embedders =
      new io.sextant.services.indexing.EmbedderSource() {
        @Override
        public TextEmbedder embedder(String modelId) {
          return Engine.this.embedder(modelId);
        }

        @Override
        public io.sextant.services.model.ModelManifest manifest(String modelId) {
          TextEmbedder e = loaded.get(modelId);
          return e != null ? e.manifest() : registry.manifest(modelId);
        }
      };

  /**
   * The workspace's models whose files would not load as they stand, each with the reason: a
   * missing or truncated model.onnx, a tokenizer that is not JSON, a deleted folder. These are
   * the registry's cheap checks (a few reads, no model loaded, no checksum), so the window can
   * say so when the workspace opens; a file garbled at the same size is only caught by its
   * checksum when the model loads.
   */
  public List<ModelEntry> brokenModels() {
    return config.models().stream().map(registry::entry)
        .filter(e -> e.status() == ModelStatus.BROKEN).toList();
  }

  /** Ids of the models loaded so far (each holds an ONNX Runtime session). */
  public java.util.Set<String> loadedModels() {
    return java.util.Set.copyOf(loaded.keySet());
  }

  /** The loaded embedder of a model, loading it on first use. */
  public TextEmbedder embedder(String modelId) {
    return loaded.computeIfAbsent(modelId, id -> registry.open(id, config.threads()));
  }

  public EngineConfig config() {
    return config;
  }

  public Catalog catalog() {
    return catalog;
  }

  public ChunkIndex index() {
    return index;
  }

  public Workspace workspace() {
    return workspace;
  }

  /**
   * Forgets a source: its files leave the index, then the catalog (the files on disk are not
   * touched, and their cached embeddings stay for a later re-add). Index first, so a crash in
   * between leaves catalog rows a refresh re-indexes, never index entries nothing knows about.
   *
   * @return how many files were forgotten
   */
  public int removeSource(long sourceId) throws IOException {
    ingestLock.lock();
    try {
      photos.forgetSource(sourceId);
      List<io.sextant.services.catalog.FileRecord> files = catalog.files(sourceId);
      for (var f : files) {
        index.deleteDoc(f.path());
      }
      index.commit();
      catalog.removeSource(sourceId);
      return files.size();
    } finally {
      ingestLock.unlock();
    }
  }

  @Override
  public void close() throws IOException {
    FolderWatcher w;
    synchronized (this) {
      w = watcher;
      watcher = null;
    }
    if (w != null) {
      w.close(); // first: a refresh in progress finishes before the index closes
    }
    try {
      for (Reranker r : rerankers.values()) {
        if (r instanceof CrossEncoder c) {
          c.close();
        }
      }
      rerankers.clear();
      if (parser instanceof IsolatedParser isolated) {
        isolated.close();
      }
      photos.close();
      loaded.values().forEach(TextEmbedder::close);
      loaded.clear();
      index.close();
      catalog.close();
    } finally {
      lock.close();
    }
  }

  /** Reads and writes {@link EngineConfig} as catalog meta entries. */
  static final class ConfigStore {
    static final String INDEX_FINGERPRINT = "index.fingerprint";

    static EngineConfig read(Catalog c) {
      var models = c.meta("config.models");
      if (models.isEmpty()) {
        return null;
      }
      EngineConfig d = EngineConfig.defaults();
      return new EngineConfig(
          Arrays.asList(models.get().split(",")),
          new ChunkerSettings(intMeta(c, "config.chunker.target", d.chunker().targetTokens()),
              intMeta(c, "config.chunker.overlap", d.chunker().overlapTokens())),
          new IndexSettings(intMeta(c, "config.hnsw.m", d.index().hnswM()),
              intMeta(c, "config.hnsw.beam", d.index().beamWidth()),
              VectorEncoding.valueOf(c.meta("config.encoding").orElse(d.index().encoding().name()))),
          d.threads(), d.batchSize());
    }

    static void write(Catalog c, EngineConfig cfg) {
      c.putMeta("config.models", String.join(",", cfg.models()));
      c.putMeta("config.chunker.target", Integer.toString(cfg.chunker().targetTokens()));
      c.putMeta("config.chunker.overlap", Integer.toString(cfg.chunker().overlapTokens()));
      c.putMeta("config.hnsw.m", Integer.toString(cfg.index().hnswM()));
      c.putMeta("config.hnsw.beam", Integer.toString(cfg.index().beamWidth()));
      c.putMeta("config.encoding", cfg.index().encoding().name());
    }

    private static int intMeta(Catalog c, String key, int dflt) {
      return c.meta(key).map(Integer::parseInt).orElse(dflt);
    }
  }
}
