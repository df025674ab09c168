package io.sextant.services.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired significance of the difference between two systems' per-query scores (system B minus
 * system A on the same queries), as used in IR evaluation (Smucker, Allan and Carterette 2007).
 *
 * <p>The randomisation test asks how often randomly swapping each query's two scores (flipping
 * the sign of its difference) gives a mean difference at least as large in absolute value as the
 * one observed. With up to {@link #EXACT_MAX_QUERIES} queries every one of the 2^n sign patterns
 * is enumerated, giving the exact p-value; beyond that, {@code permutations} random patterns are
 * drawn with a fixed seed, so a report is reproducible. The bootstrap interval resamples queries
 * with replacement and takes the 2.5th and 97.5th percentiles of the resampled mean differences.
 */
public final class PairedTest {

  /** 2^20 sign patterns (~1 M) is still instant; above it sampling is as good and far cheaper. */
  public static final int EXACT_MAX_QUERIES = 20;
  public static final int DEFAULT_PERMUTATIONS = 10_000;
  public static final int DEFAULT_RESAMPLES = 10_000;
  public static final long DEFAULT_SEED = 42L;
  /** Mean differences this close count as equal, so float noise does not decide a tie. */
  private static final double EPS = 1e-12;

  /**
   * @param meanDiff mean of b - a over the queries
   * @param p two-sided p-value of the randomisation test
   * @param exact whether p was computed by full enumeration
   * @param ciLow lower end of the 95 % bootstrap interval of the mean difference
   * @param ciHigh upper end
   * @param queries number of paired queries
   */
  public record Result(double meanDiff, double p, boolean exact, double ciLow, double ciHigh, int queries) {}

  private final int permutations;
  private final int resamples;
  private final long seed;
  private final int exactMaxQueries;

  public PairedTest(int permutations, int resamples, long seed) {
    this(permutations, resamples, seed, EXACT_MAX_QUERIES);
  }

  /** With {@code exactMaxQueries} 0 the test always samples (tests compare both ways). */
  PairedTest(int permutations, int resamples, long seed, int exactMaxQueries) {
    if (permutations < 100 || resamples < 100) {
      throw new IllegalArgumentException("need at least 100 permutations and resamples, got "
          + permutations + " and " + resamples);
    }
    this.permutations = permutations;
    this.resamples = resamples;
    this.seed = seed;
    this.exactMaxQueries = Math.min(exactMaxQueries, EXACT_MAX_QUERIES);
  }

  /** 10,000 permutations and resamples, seed 42. */
  public static PairedTest standard() {
    return new PairedTest(DEFAULT_PERMUTATIONS, DEFAULT_RESAMPLES, DEFAULT_SEED);
  }

  /** Tests {@code b} against {@code a}; both hold one score per query, in the same query order. */
  public Result test(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("paired scores differ in length: " + a.length + " vs " + b.length);
    }
    if (a.length == 0) {
      throw new IllegalArgumentException("no queries to compare");
    }
    int n = a.length;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = b[i] - a[i];
    }
    double observed = Math.abs(sum(d));
    double p;
    boolean exact = n <= exactMaxQueries;
    if (exact) {
      p = exactP(d, observed);
    } else {
      SplittableRandom rnd = new SplittableRandom(seed);
      long atLeast = 0;
      for (int r = 0; r < permutations; r++) {
        double s = 0;
        for (double x : d) {
          s += rnd.nextBoolean() ? x : -x;
        }
        if (Math.abs(s) >= observed - EPS) {
          atLeast++;
        }
      }
      // +1 in both: the observed pattern is one of the permutations (Phipson and Smyth 2010),
      // so a sampled p is never 0.
      p = (atLeast + 1.0) / (permutations + 1.0);
    }
    double[] means = new double[resamples];
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    for (int r = 0; r < resamples; r++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += d[rnd.nextInt(n)];
      }
      means[r] = s / n;
    }
    Arrays.sort(means);
    return new Result(sum(d) / n, p, exact, percentile(means, 0.025), percentile(means, 0.975), n);
  }

  /** Share of all 2^n sign patterns whose |sum| is at least the observed one. */
  private static double exactP(double[] d, double observed) {
    int n = d.length;
    long total = 1L << n;
    long atLeast = 0;
    for (long mask = 0; mask < total; mask++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += (mask & (1L << i)) != 0 ? -d[i] : d[i];
      }
      if (Math.abs(s) >= observed - EPS) {
        atLeast++;
      }
    }
    return (double) atLeast / total;
  }

  /** Linear interpolation between closest ranks (the "R-7" / numpy default definition). */
  static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double sum(double[] d) {
    double s = 0;
    for (double x : d) {
      s += x;
    }
    return s;
  }
}
