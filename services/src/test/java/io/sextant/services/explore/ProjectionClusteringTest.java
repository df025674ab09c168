package io.sextant.services.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.task.Cancellation;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Projection then clustering gives back clusters that are well separated in 384 dimensions. */
class ProjectionClusteringTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void umapThenKMeansRecoversSeparatedClusters(long seed) {
    Synthetic s = new Synthetic(6, 250, 384, 0.03, seed);
    Layout l = Umap.project(s.vectors, new Umap.Settings(15, 0.1, Metric.COSINE, seed, 1),
        p -> {}, new Cancellation());
    int[] labels = KMeans.cluster(Synthetic.points(l), 6, seed, new Cancellation());
    double ari = AdjustedRand.of(s.truth, labels);
    assertTrue(ari >= 0.9, "seed " + seed + ": ARI " + ari);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {4, 5, 6})
  void umapThenHdbscanRecoversSeparatedClustersWithoutK(long seed) {
    Synthetic s = new Synthetic(5, 300, 384, 0.03, seed);
    Layout l = Umap.project(s.vectors, new Umap.Settings(15, 0.1, Metric.EUCLIDEAN, seed, 2),
        p -> {}, new Cancellation());
    int[] labels = Hdbscan.cluster(l.xs(), l.ys(), 20, new Cancellation());
    double ari = AdjustedRand.of(s.truth, labels);
    assertTrue(ari >= 0.9, "seed " + seed + ": ARI " + ari + ", clusters " + Labels.count(labels));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 8, 9})
  void pcaThenKMeansRecoversThreeClusters(long seed) {
    // three centres span a plane, which the first two components find
    Synthetic s = new Synthetic(3, 400, 384, 0.02, seed);
    Layout l = Pca.project(s.vectors, seed);
    int[] labels = KMeans.cluster(Synthetic.points(l), 3, seed, new Cancellation());
    double ari = AdjustedRand.of(s.truth, labels);
    assertTrue(ari >= 0.9, "seed " + seed + ": ARI " + ari);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {10, 11})
  void nnDescentFindsMostTrueNeighbours(long seed) {
    // like real embeddings: low intrinsic dimension (8) inside 64; isotropic high-dimensional
    // noise has no near neighbours worth finding, and graph methods do not find them either
    float[][] data = Synthetic.latent(2000, 8, 64, 0.05, seed);
    int k = 10;
    KnnGraph g = KnnGraph.build(data, k, Metric.COSINE, seed, 2, p -> {}, new Cancellation());
    float[] norms = Metric.squaredNorms(data);
    int found = 0;
    for (int i = 0; i < data.length; i++) {
      float[] d = new float[data.length];
      for (int j = 0; j < d.length; j++) {
        d[j] = j == i ? Float.POSITIVE_INFINITY
            : Metric.COSINE.distance(data[i], data[j], norms[i], norms[j]);
      }
      float[] sorted = d.clone();
      Arrays.sort(sorted);
      for (int j = 0; j < k; j++) {
        if (g.distance(i, j) <= sorted[k - 1] + 1e-6f) {
          found++;
        }
      }
      assertTrue(g.distance(i, 0) <= g.distance(i, k - 1), "rows come nearest first");
    }
    double recall = found / (double) (data.length * k);
    assertTrue(recall >= 0.9, "seed " + seed + ": recall@10 " + recall);
  }

  @org.junit.jupiter.api.Test
  void curveParametersMatchUmapLearnForMinDistanceOneTenth() {
    double[] ab = Umap.fitAb(0.1);
    // umap-learn's find_ab_params(1.0, 0.1) gives a = 1.577, b = 0.895
    assertEquals(1.577, ab[0], 0.02);
    assertEquals(0.895, ab[1], 0.01);
  }

  @org.junit.jupiter.api.Test
  void sameSeedGivesSameSingleThreadedMap() {
    Synthetic s = new Synthetic(4, 100, 32, 0.05, 12);
    var settings = new Umap.Settings(10, 0.1, Metric.COSINE, 12, 1);
    Layout a = Umap.project(s.vectors, settings, p -> {}, new Cancellation());
    Layout b = Umap.project(s.vectors, settings, p -> {}, new Cancellation());
    assertTrue(Arrays.equals(a.xs(), b.xs()) && Arrays.equals(a.ys(), b.ys()));
  }

  @org.junit.jupiter.api.Test
  void cancelledProjectionStops() {
    Synthetic s = new Synthetic(4, 100, 32, 0.05, 13);
    Cancellation c = new Cancellation();
    c.cancel();
    org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
        () -> Umap.project(s.vectors, new Umap.Settings(10, 0.1, Metric.COSINE, 1, 1), p -> {}, c));
  }
}
