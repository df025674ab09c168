package io.sextant.services.explore;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index (Hubert and Arabie, 1985) between two labellings: 1 for identical
 * partitions (up to renaming), about 0 for chance agreement. Noise (-1) counts as one more label.
 */
public final class AdjustedRand {

  private AdjustedRand() {}

  public static double of(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("labellings of different lengths: " + a.length + ", " + b.length);
    }
    int n = a.length;
    if (n < 2) {
      return 1;
    }
    Map<Long, Integer> pairs = new HashMap<>();
    Map<Integer, Integer> rows = new HashMap<>();
    Map<Integer, Integer> cols = new HashMap<>();
    for (int i = 0; i < n; i++) {
      pairs.merge(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), 1, Integer::sum);
      rows.merge(a[i], 1, Integer::sum);
      cols.merge(b[i], 1, Integer::sum);
    }
    double index = 0;
    for (int c : pairs.values()) {
      index += choose2(c);
    }
    double sumRows = 0;
    for (int c : rows.values()) {
      sumRows += choose2(c);
    }
    double sumCols = 0;
    for (int c : cols.values()) {
      sumCols += choose2(c);
    }
    double expected = sumRows * sumCols / choose2(n);
    double max = (sumRows + sumCols) / 2;
    if (max == expected) {
      return 1; // both labellings are trivial (one cluster, or all singletons) and agree
    }
    return (index - expected) / (max - expected);
  }

  private static double choose2(long c) {
    return c * (c - 1) / 2.0;
  }
}
