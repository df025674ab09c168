package io.sextant.services.bench;

import java.util.Arrays;

/** Order statistics over measured samples (nearest-rank percentiles; medians average the middle pair). */
public final class Stats {

  private Stats() {}

  public static double median(double[] values) {
    requireSome(values);
    double[] s = values.clone();
    Arrays.sort(s);
    int mid = s.length / 2;
    return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  }

  /** Nearest-rank percentile, {@code p} in (0, 100]. */
  public static double percentile(double[] values, double p) {
    requireSome(values);
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100 * s.length);
    return s[Math.max(0, rank - 1)];
  }

  private static void requireSome(double[] values) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
  }
}
