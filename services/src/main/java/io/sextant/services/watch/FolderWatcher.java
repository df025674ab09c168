package io.sextant.services.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the index in step with source folders while the application runs.
 *
 * <p>Each source root is watched recursively with {@link WatchService} (one registration per
 * folder: the JDK watches single folders), and every root is also rescanned periodically, because
 * network and some virtual file systems never notify and a notification queue can overflow. A
 * change marks its root dirty; once the roots have been quiet for the debounce delay (or the
 * oldest change has waited the maximum delay, so a folder that never stops changing still gets
 * indexed) the dirty roots are handed to the {@link Refresher} in one batch. The refresher re-ingests
 * a root incrementally, which covers additions, modifications, renames (a deletion plus an
 * addition) and deletions alike, and skips unchanged files cheaply.
 *
 * <p>The whole loop runs on one thread of the executor it is started on (the engine's watch lane),
 * so refreshes never overlap each other; the refresher itself must serialise against other
 * ingests. While paused, changes are noted but not applied; resuming rescans every root.
 */
public final class FolderWatcher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(FolderWatcher.class.getName());

  /** Applies a batch of changes: re-ingests the given source roots. */
  @FunctionalInterface
  public interface Refresher {
    void refresh(List<Path> roots) throws IOException;
  }

  /** Timings; defaults suit a desktop: changes show within about a second. */
  public record Timing(Duration debounce, Duration maxDelay, Duration rescan) {
    public static final Timing DEFAULT =
        new Timing(Duration.ofMillis(400), Duration.ofSeconds(3), Duration.ofSeconds(60));

    public Timing {
      Objects.requireNonNull(debounce, "debounce");
      Objects.requireNonNull(maxDelay, "maxDelay");
      Objects.requireNonNull(rescan, "rescan");
      if (debounce.isNegative() || maxDelay.compareTo(debounce) < 0 || rescan.toMillis() < 10) {
        throw new IllegalArgumentException(
            "need 0 <= debounce <= maxDelay and rescan >= 10 ms, got " + this);
      }
    }
  }

  private static final long POLL_MS = 100;

  private final Refresher refresher;
  private final Supplier<List<Path>> roots;
  private final Timing timing;
  private final boolean notifications;
  private final List<Consumer<WatchStatus>> listeners = new CopyOnWriteArrayList<>();
  /** Roots the supplier still names but the user stopped watching (a source being removed). */
  private final Set<Path> unwatched = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Set to have the loop re-read the roots now rather than at the next periodic rescan. */
  private final java.util.concurrent.atomic.AtomicBoolean resync = new java.util.concurrent.atomic.AtomicBoolean();

  private final Object state = new Object();
  // guarded by state
  private boolean paused;
  private boolean running;
  private boolean started;
  private WatchService service;
  private final Map<Path, WatchStatus.Mode> modes = new LinkedHashMap<>();
  private final Set<Path> dirty = new LinkedHashSet<>();
  private Instant lastRefresh;
  private String lastError;
  private long refreshes;

  // touched by the loop thread only
  private final Map<WatchKey, Path> keyRoot = new HashMap<>();
  private final Map<Path, List<WatchKey>> rootKeys = new HashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * @param refresher applies changes (the engine's ingest of the dirty roots)
   * @param roots the source roots to watch, read again at every rescan so added and removed
   *     sources are picked up
   * @param timing debounce, maximum delay and rescan period
   * @param notifications false to rely on the periodic rescan alone (file systems that do not
   *     notify, and tests of the fallback)
   */
  public FolderWatcher(Refresher refresher, Supplier<List<Path>> roots, Timing timing,
      boolean notifications) {
    this.refresher = Objects.requireNonNull(refresher, "refresher");
    this.roots = Objects.requireNonNull(roots, "roots");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.notifications = notifications;
  }

  /** Starts the loop on {@code executor} (it keeps one of its threads until {@link #close()}). */
  public void start(Executor executor) {
    synchronized (state) {
      if (started) {
        throw new IllegalStateException("watcher already started");
      }
      started = true;
      running = true;
      if (notifications) {
        try {
          service = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
          LOG.log(Level.WARNING, "no file-system notifications; rescanning only", e);
        }
      }
    }
    executor.execute(this::loop);
  }

  public void addListener(Consumer<WatchStatus> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Holds changes back until {@link #resume()}. */
  public void pause() {
    synchronized (state) {
      paused = true;
    }
    publish();
  }

  /** Applies what changed while paused: every root is rescanned. */
  public void resume() {
    synchronized (state) {
      paused = false;
      dirty.addAll(modes.keySet());
    }
    publish();
  }

  public boolean isPaused() {
    synchronized (state) {
      return paused;
    }
  }

  public WatchStatus status() {
    synchronized (state) {
      return new WatchStatus(paused, modes, lastRefresh, lastError, refreshes);
    }
  }

  /**
   * Re-reads the roots within one poll interval instead of at the next rescan, so a source just
   * added is watched at once (and a removed one is dropped). Does not rescan the roots' files.
   */
  public void resync() {
    resync.set(true);
  }

  /**
   * Stops watching {@code root} even though the roots supplier still names it, and drops its
   * pending changes: called before a source is removed, so no late batch re-adds it.
   * {@link #rewatch} undoes it.
   */
  public void unwatch(Path root) {
    Path r = root.toAbsolutePath().normalize();
    unwatched.add(r);
    synchronized (state) {
      dirty.remove(r);
    }
    resync();
  }

  /**
   * Watches {@code root} again after {@link #unwatch} (the folder was added back), applying what
   * changed in it meanwhile.
   */
  public void rewatch(Path root) {
    Path r = root.toAbsolutePath().normalize();
    if (unwatched.remove(r)) {
      synchronized (state) {
        dirty.add(r);
      }
    }
    resync();
  }

  /** Marks a root as changed, e.g. after the user edited a file through the application. */
  public void touch(Path root) {
    synchronized (state) {
      dirty.add(root.toAbsolutePath().normalize());
    }
  }

  private void loop() {
    try {
      long nextRescan = 0;
      long firstChange = 0; // nanoTime of the oldest unapplied change, or 0
      long lastChange = 0;
      while (isRunning()) {
        long now = System.nanoTime();
        if (now >= nextRescan) {
          resync.set(false);
          syncRoots();
          synchronized (state) {
            dirty.addAll(modes.keySet());
          }
          nextRescan = now + timing.rescan().toNanos();
        } else if (resync.getAndSet(false)) {
          syncRoots();
        }
        boolean changed = drainEvents();
        now = System.nanoTime();
        boolean pending;
        boolean holding;
        synchronized (state) {
          pending = !dirty.isEmpty();
          holding = paused;
        }
        if (changed) {
          lastChange = now;
          if (firstChange == 0) {
            firstChange = now;
          }
        }
        if (pending && firstChange == 0) {
          firstChange = now; // a rescan or a touch, not an event: no need to wait for quiet
          lastChange = now - timing.debounce().toNanos();
        }
        if (pending && !holding
            && (now - lastChange >= timing.debounce().toNanos()
                || now - firstChange >= timing.maxDelay().toNanos())) {
          applyDirty();
          firstChange = 0;
        }
      }
    } catch (ClosedWatchServiceException e) {
      // closed while waiting: the normal way out
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "folder watcher stopped", e);
    } finally {
      stopped.countDown();
    }
  }

  private boolean isRunning() {
    synchronized (state) {
      return running;
    }
  }

  /** Waits up to the poll interval for events; returns whether any arrived. */
  private boolean drainEvents() {
    WatchService ws;
    synchronized (state) {
      ws = service;
    }
    if (ws == null) {
      sleep(POLL_MS);
      return false;
    }
    WatchKey key;
    try {
      key = ws.poll(POLL_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      synchronized (state) {
        running = false;
      }
      return false;
    }
    boolean any = false;
    while (key != null) {
      Path root = keyRoot.get(key);
      Path dir = (Path) key.watchable();
      for (WatchEvent<?> event : key.pollEvents()) {
        any = true;
        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && root != null) {
          Path child = dir.resolve((Path) event.context());
          if (Files.isDirectory(child)) {
            register(root, child); // a new (or moved-in) folder: watch it and what it holds
          }
        }
      }
      if (root != null) {
        synchronized (state) {
          dirty.add(root);
        }
      }
      if (!key.reset()) {
        keyRoot.remove(key); // the folder is gone; the next rescan notices a missing root
      }
      key = ws.poll();
    }
    return any;
  }

  /** Registers new roots, drops removed ones, and retries missing ones. */
  private void syncRoots() {
    List<Path> wanted = new ArrayList<>();
    for (Path p : roots.get()) {
      Path r = p.toAbsolutePath().normalize();
      if (!unwatched.contains(r)) {
        wanted.add(r);
      }
    }
    for (Path old : new ArrayList<>(rootKeys.keySet())) {
      if (!wanted.contains(old)) {
        rootKeys.remove(old).forEach(k -> {
          k.cancel();
          keyRoot.remove(k);
        });
      }
    }
    Map<Path, WatchStatus.Mode> next = new LinkedHashMap<>();
    for (Path root : wanted) {
      if (!Files.isDirectory(root)) {
        rootKeys.remove(root);
        next.put(root, Files.isRegularFile(root) ? WatchStatus.Mode.RESCAN : WatchStatus.Mode.MISSING);
        continue;
      }
      boolean live = rootKeys.getOrDefault(root, List.of()).stream().anyMatch(WatchKey::isValid);
      if (!live) {
        rootKeys.remove(root);
        register(root, root);
      }
      next.put(root, rootKeys.containsKey(root) ? WatchStatus.Mode.NOTIFY : WatchStatus.Mode.RESCAN);
    }
    boolean changed;
    synchronized (state) {
      changed = !modes.equals(next);
      modes.clear();
      modes.putAll(next);
      dirty.retainAll(next.keySet());
    }
    if (changed) {
      publish(); // status displays show a source's watch state as soon as it has one
    }
  }

  /** Registers {@code dir} and every folder under it for {@code root}; false if notifications are off. */
  private void register(Path root, Path dir) {
    WatchService ws;
    synchronized (state) {
      ws = service;
    }
    if (ws == null) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
          WatchKey k = d.register(ws, StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
          keyRoot.put(k, root);
          rootKeys.computeIfAbsent(root, r -> new ArrayList<>()).add(k);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          return FileVisitResult.CONTINUE; // unreadable folders are the ingest's to report
        }
      });
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.INFO, "cannot watch " + dir + "; relying on the periodic rescan", e);
    }
  }

  private void applyDirty() {
    List<Path> batch;
    synchronized (state) {
      batch = new ArrayList<>(dirty);
      dirty.clear();
    }
    batch.removeIf(p -> !Files.exists(p)); // a missing root is not an empty one: keep its index
    if (batch.isEmpty()) {
      return;
    }
    String error = null;
    try {
      refresher.refresh(batch);
    } catch (IOException | RuntimeException e) {
      error = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.log(Level.WARNING, "watch refresh of " + batch + " failed", e);
    }
    synchronized (state) {
      lastRefresh = Instant.now();
      lastError = error;
      refreshes++;
    }
    publish();
  }

  private void publish() {
    WatchStatus s = status();
    for (Consumer<WatchStatus> l : listeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "watch listener failed", e);
      }
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      synchronized (state) {
        running = false; // the lane is shutting down
      }
    }
  }

  /** Stops the loop (waiting for a refresh in progress to finish) and releases the watch service. */
  @Override
  public void close() {
    WatchService ws;
    boolean wasStarted;
    synchronized (state) {
      running = false;
      ws = service;
      service = null;
      wasStarted = started;
    }
    if (ws != null) {
      try {
        ws.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing the watch service", e);
      }
    }
    if (wasStarted) {
      try {
        stopped.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
