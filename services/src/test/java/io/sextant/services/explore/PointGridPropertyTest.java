package io.sextant.services.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The grid answers exactly what a scan of every point answers. jqwik prints a replayable seed. */
class PointGridPropertyTest {

  static float[][] points(long seed, int n) {
    Random r = new Random(seed);
    float[] xs = new float[n];
    float[] ys = new float[n];
    for (int i = 0; i < n; i++) { // clumps, like a projection
      int c = r.nextInt(4);
      xs[i] = (float) (c * 3 + r.nextGaussian() * 0.5);
      ys[i] = (float) (c % 2 * 4 + r.nextGaussian() * 0.7);
    }
    return new float[][] {xs, ys};
  }

  @Property(tries = 60)
  void nearestMatchesABruteForceScan(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 40) int perCell) {
    float[][] p = points(seed, n);
    PointGrid grid = new PointGrid(p[0], p[1], perCell);
    Random r = new Random(seed ^ 0x5DEECE66DL);
    for (int q = 0; q < 20; q++) {
      double x = r.nextDouble() * 12 - 2;
      double y = r.nextDouble() * 8 - 2;
      double radius = r.nextDouble() * 1.5;
      int best = -1;
      double bestD = radius * radius;
      for (int i = 0; i < n; i++) {
        double d = (p[0][i] - x) * (p[0][i] - x) + (p[1][i] - y) * (p[1][i] - y);
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      }
      int got = grid.nearest(x, y, radius);
      if (best < 0) {
        assertEquals(-1, got);
      } else { // ties may pick another point at the same distance
        double gd = (p[0][got] - x) * (p[0][got] - x) + (p[1][got] - y) * (p[1][got] - y);
        assertEquals(bestD, gd, 1e-9);
      }
    }
  }

  @Property(tries = 40)
  void kNearestNeighboursMatchABruteForceScan(@ForAll long seed, @ForAll @IntRange(min = 2, max = 2000) int n,
      @ForAll @IntRange(min = 1, max = 20) int k, @ForAll @IntRange(min = 1, max = 40) int perCell) {
    float[][] p = points(seed, n);
    PointGrid grid = new PointGrid(p[0], p[1], perCell);
    Random r = new Random(seed);
    for (int q = 0; q < 10; q++) {
      int i = r.nextInt(n);
      int[] got = grid.nearest(i, k);
      float[] want = bruteDistances(grid, i, n, k);
      for (int m = 0; m < k; m++) { // ties may order equal distances differently
        float gd = got[m] < 0 ? Float.POSITIVE_INFINITY : grid.distance(i, got[m]);
        assertEquals(want[m], gd, 0f, "rank " + m + " of point " + i);
      }
    }
  }

  private static float[] bruteDistances(PointGrid grid, int i, int n, int k) {
    float[] d = new float[k];
    java.util.Arrays.fill(d, Float.POSITIVE_INFINITY);
    float[] all = new float[n - 1];
    for (int j = 0, m = 0; j < n; j++) {
      if (j != i) {
        all[m++] = grid.distance(i, j);
      }
    }
    java.util.Arrays.sort(all);
    System.arraycopy(all, 0, d, 0, Math.min(k, all.length));
    return d;
  }

  @Property(tries = 40)
  void boundsAreThePointsBoundingBox(@ForAll long seed, @ForAll @IntRange(min = 1, max = 500) int n) {
    float[][] p = points(seed, n);
    double[] expected = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    for (int i = 0; i < n; i++) {
      expected[0] = Math.min(expected[0], p[0][i]);
      expected[1] = Math.max(expected[1], p[0][i]);
      expected[2] = Math.min(expected[2], p[1][i]);
      expected[3] = Math.max(expected[3], p[1][i]);
    }
    assertArrayEquals(expected, new PointGrid(p[0], p[1], 8).bounds());
  }

  @Property(tries = 60)
  void lassoMatchesABruteForceScan(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3000) int n) {
    float[][] p = points(seed, n);
    PointGrid grid = new PointGrid(p[0], p[1], 8);
    Random r = new Random(seed);
    int k = 3 + r.nextInt(8);
    double[] px = new double[k];
    double[] py = new double[k];
    for (int i = 0; i < k; i++) { // a star-shaped polygon around a random centre
      double a = 2 * Math.PI * i / k;
      double rad = 0.5 + r.nextDouble() * 3;
      px[i] = 4 + Math.cos(a) * rad;
      py[i] = 2 + Math.sin(a) * rad;
    }
    int[] expected = IntStream.range(0, n).filter(i -> PointGrid.contains(px, py, p[0][i], p[1][i])).toArray();
    assertArrayEquals(expected, grid.inside(px, py));
  }
}
