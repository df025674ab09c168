package io.sextant.services.explore;

import io.sextant.services.task.Cancellation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times UMAP on "latent32" vectors, the peers' stand-in for real embeddings: a 32-d Gaussian
 * latent through a fixed random dims x 32 map plus 5 % noise, normalised (random vectors have no
 * neighbourhood structure, so they would time a case no corpus has). Also reports the neighbour
 * graph's recall@k against brute force on a sample, since a fast graph that is wrong is no win.
 */
public final class UmapBenchmark {

  /**
   * @param points vectors laid out
   * @param dims their dimension
   * @param threads worker threads
   * @param graphSeconds building the neighbour graph
   * @param totalSeconds the whole projection
   * @param peakHeapMb peak heap use during the run (vectors included)
   * @param graphRecall recall@k of the neighbour graph on a sample of points
   * @param totalCpuSeconds CPU time of the process during the projection: on a shared machine,
   *     wall time over CPU time / threads shows how much of the wait was other people's work
   */
  public record Result(int points, int dims, int threads, double graphSeconds, double totalSeconds,
      double peakHeapMb, double graphRecall, double totalCpuSeconds) {}

  private UmapBenchmark() {}

  /** Generates latent32-like vectors: n x dims, from a 32-d latent with 5 % noise, seeded. */
  public static float[][] latent32(int n, int dims, long seed) {
    return latent(n, 32, dims, 0.05, seed);
  }

  /**
   * n unit vectors from a {@code latent}-dimensional Gaussian through a fixed random
   * dims x latent map, plus {@code noise} per coordinate (the "latent32" recipe of the peers):
   * low intrinsic dimension like real embeddings, which uniform random vectors lack.
   */
  public static float[][] latent(int n, int latent, int dims, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] map = new float[dims][latent];
    for (float[] row : map) {
      for (int j = 0; j < latent; j++) {
        row[j] = (float) (gaussian(r) / Math.sqrt(latent));
      }
    }
    float[][] out = new float[n][dims];
    float[] z = new float[latent];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < latent; j++) {
        z[j] = (float) gaussian(r);
      }
      double norm = 0;
      for (int d = 0; d < dims; d++) {
        float s = 0;
        float[] row = map[d];
        for (int j = 0; j < latent; j++) {
          s += row[j] * z[j];
        }
        s += (float) (noise * gaussian(r));
        out[i][d] = s;
        norm += s * s;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int d = 0; d < dims; d++) {
        out[i][d] *= inv;
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  public static Result run(int n, int dims, int neighbours, int threads, long seed) {
    float[][] data = latent32(n, dims, seed);
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
    long t0 = System.nanoTime();
    KnnGraph g = KnnGraph.build(data, neighbours, Metric.COSINE, seed, threads, p -> {}, new Cancellation());
    long t1 = System.nanoTime();
    long cpu0 = cpuNanos();
    Umap.project(data, new Umap.Settings(neighbours, 0.1, Metric.COSINE, seed, threads), p -> {},
        new Cancellation());
    long t2 = System.nanoTime();
    long cpu1 = cpuNanos();
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    double recall = recall(data, g, 200, seed);
    // the graph is built twice (once alone, once inside UMAP): report UMAP's own total
    return new Result(n, dims, threads, (t1 - t0) / 1e9, (t2 - t1) / 1e9, peak / 1e6, recall,
        (cpu1 - cpu0) / 1e9);
  }

  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  static double recall(float[][] data, KnnGraph g, int sample, long seed) {
    SplittableRandom r = new SplittableRandom(seed + 1);
    float[] norms = Metric.squaredNorms(data);
    int k = g.k();
    int found = 0;
    for (int s = 0; s < sample; s++) {
      int i = r.nextInt(data.length);
      float[] d = new float[data.length];
      for (int j = 0; j < d.length; j++) {
        d[j] = j == i ? Float.POSITIVE_INFINITY : Metric.COSINE.distance(data[i], data[j], norms[i], norms[j]);
      }
      Arrays.sort(d);
      for (int j = 0; j < k; j++) {
        if (g.distance(i, j) <= d[k - 1]) {
          found++;
        }
      }
    }
    return found / (double) (sample * k);
  }
}
