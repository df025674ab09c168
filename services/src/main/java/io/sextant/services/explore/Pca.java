package io.sextant.services.explore;

import java.util.Random;

/**
 * Principal components by power iteration with deflation on the d x d covariance. The covariance
 * comes from at most {@link #SAMPLE} rows: for a picture, the top two directions of 20,000
 * passages are the directions of 100,000, and it keeps PCA interactive (about a second). Then
 * every row is projected. Deterministic for a given seed.
 */
public final class Pca {

  /** Rows the covariance is estimated from. */
  static final int SAMPLE = 20_000;

  private Pca() {}

  /** The data projected on its first two principal components. */
  public static Layout project(float[][] data, long seed) {
    long t0 = System.nanoTime();
    float[][] p = components(data, 2, seed);
    float[] xs = new float[data.length];
    float[] ys = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      xs[i] = p[i][0];
      ys[i] = p[i][1];
    }
    return new Layout("PCA", xs, ys, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * The data projected on its first {@code k} principal components: row i holds point i's k
   * coordinates.
   */
  public static float[][] components(float[][] data, int k, long seed) {
    int n = data.length;
    if (n == 0) {
      return new float[0][k];
    }
    int d = data[0].length;
    if (k < 1 || k > d) {
      throw new IllegalArgumentException("k must be in 1.." + d + ", got " + k);
    }
    Random rnd = new Random(seed);
    float[][] rows = data;
    if (n > SAMPLE) {
      rows = new float[SAMPLE][];
      for (int i = 0; i < SAMPLE; i++) {
        rows[i] = data[rnd.nextInt(n)];
      }
    }
    double[] mean = new double[d];
    for (float[] row : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.length;
    }
    // covariance d x d: one pass over the data, then power iteration is cheap
    double[][] cov = new double[d][d];
    double[] c = new double[d];
    for (float[] row : rows) {
      for (int j = 0; j < d; j++) {
        c[j] = row[j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        double ca = c[a];
        if (ca == 0) {
          continue;
        }
        double[] ra = cov[a];
        for (int b = a; b < d; b++) {
          ra[b] += ca * c[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        cov[a][b] = cov[b][a];
      }
    }
    double[][] vecs = new double[k][];
    for (int comp = 0; comp < k; comp++) {
      double[] v = new double[d];
      for (int j = 0; j < d; j++) {
        v[j] = rnd.nextGaussian();
      }
      for (int it = 0; it < 300; it++) {
        double[] w = new double[d];
        for (int a = 0; a < d; a++) {
          double s = 0;
          double[] ra = cov[a];
          for (int b = 0; b < d; b++) {
            s += ra[b] * v[b];
          }
          w[a] = s;
        }
        for (int prev = 0; prev < comp; prev++) { // deflate: stay orthogonal to earlier components
          double dot = dot(w, vecs[prev]);
          for (int j = 0; j < d; j++) {
            w[j] -= dot * vecs[prev][j];
          }
        }
        double norm = Math.sqrt(dot(w, w));
        if (norm == 0) {
          break;
        }
        double change = 0;
        for (int j = 0; j < d; j++) {
          w[j] /= norm;
          change += Math.abs(w[j] - v[j]);
        }
        v = w;
        if (change < 1e-9 * d) {
          break;
        }
      }
      // a sign convention, so the same data always gives the same picture
      int big = 0;
      for (int j = 1; j < d; j++) {
        if (Math.abs(v[j]) > Math.abs(v[big])) {
          big = j;
        }
      }
      if (v[big] < 0) {
        for (int j = 0; j < d; j++) {
          v[j] = -v[j];
        }
      }
      vecs[comp] = v;
    }
    float[][] out = new float[n][k];
    for (int i = 0; i < n; i++) {
      for (int comp = 0; comp < k; comp++) {
        double s = 0;
        double[] v = vecs[comp];
        float[] row = data[i];
        for (int j = 0; j < d; j++) {
          s += (row[j] - mean[j]) * v[j];
        }
        out[i][comp] = (float) s;
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
