package io.sextant.services.explore;

import io.sextant.services.task.Cancellation;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * UMAP (McInnes, Healy and Melville, 2018) as umap-learn computes it by default: a k-nearest
 * neighbour graph ({@link KnnGraph}), its fuzzy simplicial set (per point a local scale so each
 * point has log2(k) effective neighbours, edges symmetrised by fuzzy union), and a layout by
 * stochastic gradient descent on the cross-entropy between that graph and the low-dimensional
 * one, with negative sampling. Two differences: the start is the PCA layout rather than a spectral
 * embedding (cheap at 100,000 points and as stable), and epochs run on several threads without
 * locks, as umap-learn's parallel mode does (the result varies slightly between runs with more
 * than one thread; with one thread a seed fixes it).
 */
public final class Umap {

  /**
   * @param neighbours k of the neighbour graph (local versus global structure)
   * @param minDistance how tightly points may pack, 0..1
   * @param metric distance in the original space
   * @param seed fixes the random choices
   * @param threads worker threads
   */
  public record Settings(int neighbours, double minDistance, Metric metric, long seed, int threads) {
    public Settings {
      Objects.requireNonNull(metric, "metric");
      if (neighbours < 2 || neighbours > 200) {
        throw new IllegalArgumentException("neighbours must be in 2..200, got " + neighbours);
      }
      if (!(minDistance >= 0 && minDistance <= 1)) {
        throw new IllegalArgumentException("min distance must be in 0..1, got " + minDistance);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
    }

    public String describe() {
      return "UMAP n=" + neighbours + " d=" + minDistance + " " + metric.label();
    }
  }

  private static final int NEGATIVE_RATE = 5;
  private static final double SPREAD = 1.0;

  private Umap() {}

  /**
   * Lays out {@code data}; progress goes 0..0.5 while the graph is built, 0.5..1 over the epochs.
   */
  public static Layout project(float[][] data, Settings s, DoubleConsumer progress, Cancellation cancel) {
    long t0 = System.nanoTime();
    int n = data.length;
    if (n <= s.neighbours() + 1) { // too few points for a graph: the PCA picture is as good
      Layout pca = Pca.project(data, s.seed());
      return new Layout(s.describe(), pca.xs(), pca.ys(), (System.nanoTime() - t0) / 1_000_000);
    }
    KnnGraph knn = KnnGraph.build(data, s.neighbours(), s.metric(), s.seed(), s.threads(),
        p -> progress.accept(0.45 * p), cancel);
    cancel.check();
    Graph g = fuzzySet(knn);
    progress.accept(0.5);
    float[] y = initialLayout(data, s.seed());
    double[] ab = fitAb(s.minDistance());
    int epochs = n > 10_000 ? 200 : 500;
    optimise(y, g, (float) ab[0], (float) ab[1], epochs, s.seed(), s.threads(),
        p -> progress.accept(0.5 + 0.5 * p), cancel);
    float[] xs = new float[n];
    float[] ys = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = y[2 * i];
      ys[i] = y[2 * i + 1];
    }
    progress.accept(1.0);
    return new Layout(s.describe(), xs, ys, (System.nanoTime() - t0) / 1_000_000);
  }

  /** The symmetric weighted graph as edge lists. */
  record Graph(int[] head, int[] tail, float[] weight) {}

  /** Local fuzzy sets per point, then their fuzzy union (a + b - ab). */
  static Graph fuzzySet(KnnGraph knn) {
    int n = knn.size();
    int k = knn.k();
    float[] w = new float[n * k];
    double target = Math.log(k) / Math.log(2);
    for (int i = 0; i < n; i++) {
      float rho = 0;
      for (int j = 0; j < k; j++) {
        if (knn.distance(i, j) > 0) {
          rho = knn.distance(i, j);
          break;
        }
      }
      // binary search for sigma: sum_j exp(-(d_j - rho) / sigma) = log2(k)
      double lo = 0;
      double hi = Double.POSITIVE_INFINITY;
      double sigma = 1;
      for (int it = 0; it < 64; it++) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
          double d = knn.distance(i, j) - rho;
          sum += d > 0 ? Math.exp(-d / sigma) : 1;
        }
        if (Math.abs(sum - target) < 1e-5) {
          break;
        }
        if (sum > target) {
          hi = sigma;
          sigma = (lo + hi) / 2;
        } else {
          lo = sigma;
          sigma = hi == Double.POSITIVE_INFINITY ? sigma * 2 : (lo + hi) / 2;
        }
      }
      sigma = Math.max(sigma, 1e-3 * meanDistance(knn, i));
      for (int j = 0; j < k; j++) {
        double d = knn.distance(i, j) - rho;
        w[i * k + j] = (float) (d > 0 ? Math.exp(-d / sigma) : 1);
      }
    }
    // union: an edge i-j once, combining i's view of j and j's view of i
    int count = 0;
    int[] head = new int[n * k];
    int[] tail = new int[n * k];
    float[] weight = new float[n * k];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < k; a++) {
        int j = knn.neighbour(i, a);
        float wij = w[i * k + a];
        float wji = 0;
        for (int b = 0; b < k; b++) {
          if (knn.neighbour(j, b) == i) {
            wji = w[j * k + b];
            break;
          }
        }
        if (wji > 0 && j < i) {
          continue; // added from j's side
        }
        float u = wij + wji - wij * wji;
        if (u <= 0) {
          continue;
        }
        head[count] = i;
        tail[count] = j;
        weight[count] = u;
        count++;
      }
    }
    return new Graph(java.util.Arrays.copyOf(head, count), java.util.Arrays.copyOf(tail, count),
        java.util.Arrays.copyOf(weight, count));
  }

  private static double meanDistance(KnnGraph knn, int i) {
    double s = 0;
    for (int j = 0; j < knn.k(); j++) {
      s += knn.distance(i, j);
    }
    return s / knn.k();
  }

  /** PCA scaled into a 20 x 20 box, as umap-learn scales its spectral start to 10 per side. */
  static float[] initialLayout(float[][] data, long seed) {
    Layout pca = Pca.project(data, seed);
    int n = data.length;
    float max = 1e-12f;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, Math.max(Math.abs(pca.xs()[i]), Math.abs(pca.ys()[i])));
    }
    SplittableRandom r = new SplittableRandom(seed);
    float[] y = new float[2 * n];
    for (int i = 0; i < n; i++) {
      // a little noise so duplicates do not sit on each other forever
      y[2 * i] = 10f * pca.xs()[i] / max + (float) (r.nextDouble() - 0.5) * 1e-4f;
      y[2 * i + 1] = 10f * pca.ys()[i] / max + (float) (r.nextDouble() - 0.5) * 1e-4f;
    }
    return y;
  }

  /**
   * a and b of the low-dimensional similarity 1 / (1 + a d^(2b)), fitted (least squares) to the
   * curve that is 1 up to min distance and decays exponentially after, as umap-learn does.
   */
  static double[] fitAb(double minDistance) {
    int m = 300;
    double[] xs = new double[m];
    double[] ys = new double[m];
    for (int i = 0; i < m; i++) {
      xs[i] = 3 * SPREAD * i / (m - 1);
      ys[i] = xs[i] < minDistance ? 1 : Math.exp(-(xs[i] - minDistance) / SPREAD);
    }
    double bestA = 1;
    double bestB = 1;
    double best = error(xs, ys, bestA, bestB);
    double stepA = 0.5;
    double stepB = 0.25;
    // pattern search: cheap, no derivatives, and the error surface is smooth and unimodal here
    while (stepA > 1e-6 || stepB > 1e-6) {
      boolean moved = false;
      for (double[] d : new double[][] {{stepA, 0}, {-stepA, 0}, {0, stepB}, {0, -stepB}}) {
        double a = bestA + d[0];
        double b = bestB + d[1];
        if (a <= 0 || b <= 0) {
          continue;
        }
        double e = error(xs, ys, a, b);
        if (e < best) {
          best = e;
          bestA = a;
          bestB = b;
          moved = true;
        }
      }
      if (!moved) {
        stepA /= 2;
        stepB /= 2;
      }
    }
    return new double[] {bestA, bestB};
  }

  private static double error(double[] xs, double[] ys, double a, double b) {
    double e = 0;
    for (int i = 0; i < xs.length; i++) {
      double f = 1 / (1 + a * Math.pow(xs[i], 2 * b));
      e += (f - ys[i]) * (f - ys[i]);
    }
    return e;
  }

  static void optimise(float[] y, Graph g, float a, float b, int epochs, long seed, int threads,
      DoubleConsumer progress, Cancellation cancel) {
    int edges = g.head().length;
    int n = y.length / 2;
    float maxW = 0;
    for (float w : g.weight()) {
      maxW = Math.max(maxW, w);
    }
    // each edge is sampled in proportion to its weight: every epochsPerSample epochs
    float[] perSample = new float[edges];
    float[] nextSample = new float[edges];
    float[] perNegative = new float[edges];
    float[] nextNegative = new float[edges];
    for (int e = 0; e < edges; e++) {
      float eps = g.weight()[e] < maxW / epochs ? -1 : maxW / g.weight()[e];
      perSample[e] = eps;
      nextSample[e] = eps;
      perNegative[e] = eps / NEGATIVE_RATE;
      nextNegative[e] = perNegative[e];
    }
    int[] head = g.head();
    int[] tail = g.tail();
    SplittableRandom[] rnd = new SplittableRandom[threads];
    for (int t = 0; t < threads; t++) {
      rnd[t] = new SplittableRandom(seed * 31 + t);
    }
    float twoAB = 2 * a * b;
    float twoB = 2 * b;
    for (int epoch = 0; epoch < epochs; epoch++) {
      cancel.check();
      float alpha = 1f - (float) epoch / epochs;
      int ep = epoch;
      Parallel.run(threads, t -> {
        SplittableRandom r = rnd[t];
        int from = (int) ((long) edges * t / threads);
        int to = (int) ((long) edges * (t + 1) / threads);
        for (int e = from; e < to; e++) {
          if (perSample[e] < 0 || nextSample[e] > ep) {
            continue;
          }
          int i = head[e];
          int j = tail[e];
          float dx = y[2 * i] - y[2 * j];
          float dy = y[2 * i + 1] - y[2 * j + 1];
          float d2 = dx * dx + dy * dy;
          if (d2 > 0) {
            float pb = (float) Math.pow(d2, b);
            float coeff = -twoAB * pb / d2 / (a * pb + 1f);
            float gx = clip(coeff * dx) * alpha;
            float gy = clip(coeff * dy) * alpha;
            y[2 * i] += gx;
            y[2 * i + 1] += gy;
            y[2 * j] -= gx;
            y[2 * j + 1] -= gy;
          }
          nextSample[e] += perSample[e];
          int negatives = (int) ((ep - nextNegative[e]) / perNegative[e]);
          for (int s = 0; s < negatives; s++) {
            int m = r.nextInt(n);
            if (m == i) {
              continue;
            }
            float nx = y[2 * i] - y[2 * m];
            float ny = y[2 * i + 1] - y[2 * m + 1];
            float nd2 = nx * nx + ny * ny;
            float gx;
            float gy;
            if (nd2 > 0) {
              float coeff = twoB / ((0.001f + nd2) * (a * (float) Math.pow(nd2, b) + 1f));
              gx = clip(coeff * nx);
              gy = clip(coeff * ny);
            } else {
              gx = 4f;
              gy = 4f;
            }
            y[2 * i] += gx * alpha;
            y[2 * i + 1] += gy * alpha;
          }
          nextNegative[e] += negatives * perNegative[e];
        }
      });
      progress.accept((epoch + 1.0) / epochs);
    }
  }

  private static float clip(float v) {
    return v > 4f ? 4f : (v < -4f ? -4f : v);
  }
}
