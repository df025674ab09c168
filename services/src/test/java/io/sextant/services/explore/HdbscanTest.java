package io.sextant.services.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.task.Cancellation;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HdbscanTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void findsBlobsOfDifferentSizesAndCallsScatteredPointsNoise(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] sizes = {400, 200, 100};
    double[][] centres = {{0, 0}, {20, 5}, {5, 25}};
    int scattered = 30;
    int n = 700 + scattered;
    float[] xs = new float[n];
    float[] ys = new float[n];
    int[] truth = new int[n];
    int i = 0;
    for (int c = 0; c < 3; c++) {
      for (int m = 0; m < sizes[c]; m++, i++) {
        xs[i] = (float) (centres[c][0] + Synthetic.gaussian(r));
        ys[i] = (float) (centres[c][1] + Synthetic.gaussian(r));
        truth[i] = c;
      }
    }
    for (; i < n; i++) { // thinly spread over the whole area
      xs[i] = (float) (-10 + r.nextDouble() * 45);
      ys[i] = (float) (-10 + r.nextDouble() * 45);
      truth[i] = -1;
    }
    int[] labels = Hdbscan.cluster(xs, ys, 15, new Cancellation());
    double ari = AdjustedRand.of(truth, labels);
    assertTrue(ari >= 0.9, "seed " + seed + ": ARI " + ari + ", clusters " + Labels.count(labels));
    assertEquals(3, Labels.count(labels), "seed " + seed);
    assertEquals(0, labels[0], "clusters are numbered by size");
  }
}
