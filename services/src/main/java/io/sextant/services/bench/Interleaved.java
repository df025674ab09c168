package io.sextant.services.bench;

import java.util.List;

/**
 * Runs a candidate and a baseline alternately, A B A B, so that drift on a shared machine (CPU
 * steal, thermal limits, another build starting) hits both alike; medians resist the outliers.
 */
public final class Interleaved {

  /** One measurement, returning its figure (seconds, items per second ...). */
  @FunctionalInterface
  public interface Measurement {
    double measure() throws Exception;
  }

  /** Samples of both sides, in run order. */
  public record Samples(double[] candidate, double[] baseline) {
    public double candidateMedian() {
      return Stats.median(candidate);
    }

    public double baselineMedian() {
      return Stats.median(baseline);
    }

    /**
     * The median of the pairs' own ratios (candidate / baseline, pair by pair). When the machine
     * changes speed during a run, the two medians can fall on different sides of the change and
     * their ratio with them; each pair ran back to back, so its ratio holds.
     */
    public double pairedRatioMedian() {
      double[] ratios = new double[candidate.length];
      for (int i = 0; i < ratios.length; i++) {
        ratios[i] = candidate[i] / baseline[i];
      }
      return Stats.median(ratios);
    }
  }

  private Interleaved() {}

  /**
   * @param warmups pairs run first and discarded (JIT, caches, arenas)
   * @param repetitions pairs measured
   */
  public static Samples run(int warmups, int repetitions, Measurement candidate, Measurement baseline)
      throws Exception {
    if (warmups < 0 || repetitions < 1) {
      throw new IllegalArgumentException("need warmups >= 0 and repetitions >= 1, got " + warmups + ", " + repetitions);
    }
    for (int i = 0; i < warmups; i++) {
      candidate.measure();
      baseline.measure();
    }
    double[] a = new double[repetitions];
    double[] b = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      // Alternate which side goes first, so neither always runs on the warmer cache.
      if (i % 2 == 0) {
        a[i] = candidate.measure();
        b[i] = baseline.measure();
      } else {
        b[i] = baseline.measure();
        a[i] = candidate.measure();
      }
    }
    return new Samples(a, b);
  }

  /**
   * Any number of sides in rotation: repetition {@code i} starts with side {@code i mod n}, so no
   * side always runs first (on the coldest cache) or right after the same neighbour.
   *
   * @return samples per side, {@code [side][repetition]}
   */
  public static double[][] rotate(int warmups, int repetitions, List<Measurement> sides) throws Exception {
    if (warmups < 0 || repetitions < 1 || sides.isEmpty()) {
      throw new IllegalArgumentException("need warmups >= 0, repetitions >= 1 and some sides");
    }
    for (int i = 0; i < warmups; i++) {
      for (Measurement m : sides) {
        m.measure();
      }
    }
    int n = sides.size();
    double[][] out = new double[n][repetitions];
    for (int i = 0; i < repetitions; i++) {
      for (int j = 0; j < n; j++) {
        int side = (i + j) % n;
        out[side][i] = sides.get(side).measure();
      }
    }
    return out;
  }
}
