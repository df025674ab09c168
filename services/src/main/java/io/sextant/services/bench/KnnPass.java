package io.sextant.services.bench;

import java.io.IOException;

/**
 * One timed pass of every query of a dataset through one engine at one setting: queries per
 * second on this thread, and recall@10 against the exact neighbours.
 *
 * @param cpuQps queries per second of this thread's CPU time (NaN when not measured, e.g. for a
 *     peer in another process): on a shared machine, wall time also counts the time the thread
 *     waited for a core, which swamps differences of a few percent; CPU time does not
 */
public record KnnPass(double qps, double recall, double cpuQps) {

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  public KnnPass(double qps, double recall) {
    this(qps, recall, Double.NaN);
  }

  /** Top-10 rows of one query. */
  @FunctionalInterface
  public interface Engine {
    int[] top10(float[] query) throws IOException;
  }

  /** Runs every query once through {@code engine}, single-threaded. */
  public static KnnPass run(VectorData data, Engine engine) throws IOException {
    float[][] queries = data.queries();
    long hits = 0;
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < queries.length; i++) {
      hits += VectorData.hits(data.truth()[i], engine.top10(queries[i]));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
    return new KnnPass(queries.length / seconds, hits / (double) (queries.length * VectorData.K),
        cpuSeconds > 0 ? queries.length / cpuSeconds : Double.NaN);
  }

  /** Recall only: an untimed pass (calibration). */
  public static double recall(VectorData data, Engine engine) throws IOException {
    return run(data, engine).recall();
  }
}
