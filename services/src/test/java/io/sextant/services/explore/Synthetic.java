package io.sextant.services.explore;

import java.util.SplittableRandom;

/** Well-separated clusters of unit vectors: random centres, small Gaussian noise around each. */
final class Synthetic {

  final float[][] vectors;
  final int[] truth;

  Synthetic(int clusters, int perCluster, int dims, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = new float[clusters][dims];
    for (float[] c : centres) {
      for (int j = 0; j < dims; j++) {
        c[j] = (float) gaussian(r);
      }
      normalise(c);
    }
    int n = clusters * perCluster;
    vectors = new float[n][dims];
    truth = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % clusters;
      truth[i] = c;
      for (int j = 0; j < dims; j++) {
        vectors[i][j] = centres[c][j] + (float) (noise * gaussian(r));
      }
      normalise(vectors[i]);
    }
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  static void normalise(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    float inv = (float) (1 / Math.sqrt(s));
    for (int j = 0; j < v.length; j++) {
      v[j] *= inv;
    }
  }

  static float[][] points(Layout l) {
    float[][] p = new float[l.size()][];
    for (int i = 0; i < l.size(); i++) {
      p[i] = new float[] {l.xs()[i], l.ys()[i]};
    }
    return p;
  }

  /** The peers' latent recipe; one implementation, shared with the UMAP benchmark. */
  static float[][] latent(int n, int latent, int dims, double noise, long seed) {
    return UmapBenchmark.latent(n, latent, dims, noise, seed);
  }
}
