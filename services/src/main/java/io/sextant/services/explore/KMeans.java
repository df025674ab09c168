package io.sextant.services.explore;

import io.sextant.services.task.Cancellation;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means on points of any dimension, seeded with k-means++ (Arthur and Vassilvitskii,
 * 2007) so a bad start rarely merges two clusters. Deterministic for a given seed.
 */
public final class KMeans {

  private KMeans() {}

  /** Cluster per point, 0..k-1 (numbered by size, largest first). */
  public static int[] cluster(float[][] points, int k, long seed, Cancellation cancel) {
    int n = points.length;
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (n == 0) {
      return new int[0];
    }
    k = Math.min(k, n);
    int d = points[0].length;
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = new double[k][];
    centres[0] = toDouble(points[r.nextInt(n)]);
    double[] nearest = new double[n];
    java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i], dist2(points[i], centres[c - 1]));
        total += nearest[i];
      }
      double pick = r.nextDouble() * total;
      int chosen = n - 1;
      for (int i = 0; i < n; i++) {
        pick -= nearest[i];
        if (pick <= 0) {
          chosen = i;
          break;
        }
      }
      centres[c] = toDouble(points[chosen]);
    }
    int[] labels = new int[n];
    java.util.Arrays.fill(labels, -1);
    for (int it = 0; it < 100; it++) {
      cancel.check();
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double dd = dist2(points[i], centres[c]);
          if (dd < bestD) {
            bestD = dd;
            best = c;
          }
        }
        if (labels[i] != best) {
          labels[i] = best;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
      double[][] sums = new double[k][d];
      int[] counts = new int[k];
      for (int i = 0; i < n; i++) {
        counts[labels[i]]++;
        for (int j = 0; j < d; j++) {
          sums[labels[i]][j] += points[i][j];
        }
      }
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) { // an emptied cluster restarts at a random point
          centres[c] = toDouble(points[r.nextInt(n)]);
          continue;
        }
        for (int j = 0; j < d; j++) {
          centres[c][j] = sums[c][j] / counts[c];
        }
      }
    }
    return Labels.bySize(labels, k);
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static double dist2(float[] p, double[] c) {
    double s = 0;
    for (int j = 0; j < p.length; j++) {
      double t = p[j] - c[j];
      s += t * t;
    }
    return s;
  }
}
