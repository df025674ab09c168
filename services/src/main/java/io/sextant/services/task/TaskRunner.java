package io.sextant.services.task;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs background work on named executors. One instance is created by the application's wiring
 * and handed to whatever needs it; there is no global instance.
 */
public final class TaskRunner implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TaskRunner.class.getName());

  /**
   * Stack reserved for every lane thread. ONNX Runtime runs session creation (graph loading and
   * optimisation) and inference on the calling thread, in native code that puts large buffers on
   * the stack; the JVM default of 1 MB is not enough for it and a native stack overflow is a
   * SIGSEGV that kills the whole process (seen in libonnxruntime.so on "sextant-index-1").
   * Any lane may end up calling a model (index, ingest, search, evaluate, map), so all get it.
   * The size is reserved address space, committed only as it is used.
   */
  public static final long NATIVE_STACK_BYTES = 16L << 20;

  private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);

  /**
   * Default sizes: one thread per lane except search, which gets two for overlapping queries, and
   * its parts, two so each of those searches can hand one off.
   */
  public TaskRunner() {
    this(Map.of(Lane.SEARCH, 2, Lane.SEARCH_PART, 2));
  }

  /**
   * @param threads threads per lane; lanes not named get one thread
   */
  public TaskRunner(Map<Lane, Integer> threads) {
    Objects.requireNonNull(threads, "threads");
    for (Lane lane : Lane.values()) {
      int n = threads.getOrDefault(lane, 1);
      if (n < 1) {
        throw new IllegalArgumentException("lane " + lane + " needs at least one thread, got " + n);
      }
      lanes.put(lane, Executors.newFixedThreadPool(n, namedDaemons(lane)));
    }
  }

  /** Runs {@code work} on the lane; failures complete the future exceptionally and are logged. */
  public <T> CompletableFuture<T> submit(Lane lane, String name, Callable<T> work) {
    Objects.requireNonNull(work, "work");
    var future = new CompletableFuture<T>();
    executor(lane).execute(() -> {
      if (future.isCancelled()) {
        return;
      }
      try {
        future.complete(work.call());
      } catch (Throwable t) {
        LOG.log(Level.FINE, "task '" + name + "' on " + lane + " failed", t);
        future.completeExceptionally(t);
      }
    });
    return future;
  }

  /** The lane's executor, for code that schedules its own pipeline stages. */
  public ExecutorService executor(Lane lane) {
    return lanes.get(Objects.requireNonNull(lane, "lane"));
  }

  /** Stops accepting work and waits briefly for running tasks. */
  @Override
  public void close() {
    lanes.values().forEach(ExecutorService::shutdownNow);
    for (ExecutorService e : lanes.values()) {
      try {
        e.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static ThreadFactory namedDaemons(Lane lane) {
    var n = new AtomicInteger();
    String prefix = "sextant-" + lane.name().toLowerCase() + "-";
    return r -> {
      Thread t = new Thread(null, r, prefix + n.incrementAndGet(), NATIVE_STACK_BYTES);
      // daemon: a stuck parser must never keep the JVM alive after the window closes
      t.setDaemon(true);
      return t;
    };
  }
}
