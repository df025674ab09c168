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

  /**
   * A search answering in its own result type, turned into rows only after the clock stops: the
   * timed loop then holds what the engine's caller would get (a bare Lucene ScoreDoc array,
   * Sextant's ranked document keys) and no conversion the app never does.
   */
  public interface Raw<R> {
    R search(float[] query) throws IOException;

    /** Top-10 rows of one result. */
    int[] rows(R result);
  }

  /** Runs every query once through {@code engine}, single-threaded. */
  public static KnnPass run(VectorData data, Engine engine) throws IOException {
    return run(data, new Raw<int[]>() {
      @Override
      public int[] search(float[] query) throws IOException {
        return engine.top10(query);
      }

      @Override
      public int[] rows(int[] result) {
        return result;
      }
    });
  }

  /** Runs every query once through {@code engine}, single-threaded; rows are decoded untimed. */
  public static <R> KnnPass run(VectorData data, Raw<R> engine) throws IOException {
    return run(data, engine, 1);
  }

  /**
   * Runs the query set {@code repeat} times through {@code engine} as one timed pass; recall
   * comes from the first round. Fast engines need it: 300 SciFact queries take 15 ms, and passes
   * that short measured mostly what else the machine was doing.
   */
  public static <R> KnnPass run(VectorData data, Raw<R> engine, int repeat) throws IOException {
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be >= 1, got " + repeat);
    }
    float[][] queries = data.queries();
    Object[] results = new Object[queries.length];
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < queries.length; i++) {
      results[i] = engine.search(queries[i]);
    }
    for (int r = 1; r < repeat; r++) {
      for (float[] q : queries) {
        engine.search(q);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9 / repeat;
    double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9 / repeat;
    long hits = 0;
    for (int i = 0; i < queries.length; i++) {
      @SuppressWarnings("unchecked")
      R r = (R) results[i];
      hits += VectorData.hits(data.truth()[i], engine.rows(r));
    }
    return new KnnPass(queries.length / seconds, hits / (double) (queries.length * VectorData.K),
        cpuSeconds > 0 ? queries.length / cpuSeconds : Double.NaN);
  }

  /** Recall only: an untimed pass (calibration). */
  public static double recall(VectorData data, Engine engine) throws IOException {
    return run(data, engine).recall();
  }

  /** Recall only: an untimed pass (calibration). */
  public static <R> double recall(VectorData data, Raw<R> engine) throws IOException {
    return run(data, engine).recall();
  }
}
