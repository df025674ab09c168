package io.sextant.views.library;

import io.sextant.services.indexing.IngestListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Collects an ingest's progress from its worker threads and turns it into what the user reads:
 * files done of total, the file just read, chunks per second and the time left.
 *
 * <p>Workers only bump counters; the pane polls {@link #snapshot()} a few times a second from the
 * FX thread. That keeps a fast ingest from flooding the FX thread with one update per file.
 */
public final class IngestProgress implements IngestListener {

  /** Chunk rate is measured over this window, so it follows a change of pace within seconds. */
  static final long RATE_WINDOW_NANOS = 5_000_000_000L;

  /** What the pane shows at one instant. */
  public record Snapshot(int done, int total, int failed, String lastFile, long chunks,
      double chunksPerSecond, Duration eta) {

    /** Fraction of files done, or -1 while the total is unknown (an indeterminate bar). */
    public double fraction() {
      return total <= 0 ? -1 : Math.min(1.0, done / (double) total);
    }
  }

  private final LongSupplier nanoClock;
  private final long startNanos;
  private final AtomicInteger total = new AtomicInteger(-1);
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong chunks = new AtomicLong();
  private volatile String lastFile = "";
  private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanos, chunks}, guarded by itself

  public IngestProgress() {
    this(System::nanoTime);
  }

  /** With a clock of its own, so tests can step time. */
  public IngestProgress(LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.startNanos = nanoClock.getAsLong();
  }

  @Override
  public void filesFound(int n) {
    total.set(n);
  }

  @Override
  public void fileDone(Path file, int doneNow, int totalNow, String failure) {
    done.accumulateAndGet(doneNow, Math::max); // workers finish out of order
    total.set(totalNow);
    if (failure != null) {
      failed.incrementAndGet();
    }
    Path name = file.getFileName();
    lastFile = name == null ? file.toString() : name.toString();
  }

  @Override
  public void chunksEmbedded(long count) {
    chunks.addAndGet(count);
  }

  /** The progress now. Thread-safe; cheap enough to call every frame. */
  public Snapshot snapshot() {
    long now = nanoClock.getAsLong();
    long c = chunks.get();
    double rate;
    synchronized (samples) {
      samples.addLast(new long[] {now, c});
      while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW_NANOS) {
        samples.removeFirst();
      }
      long[] first = samples.peekFirst();
      long span = now - first[0];
      // Too short a window gives wild numbers: use the run's average until there is enough.
      rate = span >= 1_000_000_000L
          ? (c - first[1]) * 1e9 / span
          : (now > startNanos ? c * 1e9 / (now - startNanos) : 0);
    }
    int d = done.get();
    int t = total.get();
    Duration eta = null;
    if (d > 0 && t >= d) {
      long elapsed = now - startNanos;
      eta = Duration.ofNanos((long) (elapsed / (double) d * (t - d)));
    }
    return new Snapshot(d, t, failed.get(), lastFile, c, rate, eta);
  }

  /** "1:05" or "12 s": how the pane writes a duration. */
  public static String format(Duration d) {
    if (d == null) {
      return "—";
    }
    long s = Math.round(d.toMillis() / 1000.0);
    if (s < 60) {
      return s + " s";
    }
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
