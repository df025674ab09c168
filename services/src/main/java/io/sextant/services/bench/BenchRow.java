package io.sextant.services.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One result of a benchmark suite: Sextant's figure, the baseline's figure measured in the same
 * run, their ratio and whether the target was met.
 *
 * <p>Targets come in four forms ({@link Goal}); the ratio is always {@code sextant / baseline}
 * so a reader never has to guess which way it was divided. {@code details} holds extra figures
 * (p99, threads, repetitions ...) written beside the fixed keys in JSON.
 *
 * @param metric what was measured, e.g. {@code embed_texts_per_second:all-minilm-l6-v2}
 * @param unit unit of {@code sextant} and {@code baseline}
 * @param sextant Sextant's median
 * @param baseline the baseline's median in the same run, or {@code null} for absolute targets
 * @param baselineName what the baseline is
 * @param target the threshold {@link Goal} compares against
 * @param goal which figure is compared with the target, and in which direction
 * @param details extra figures, written in insertion order
 */
public record BenchRow(
    String metric, String unit, double sextant, Double baseline, String baselineName,
    double target, Goal goal, Map<String, Object> details) {

  /** How {@link #met()} is decided. */
  public enum Goal {
    /** {@code sextant / baseline >= target} (throughput against a peer). */
    RATIO_AT_LEAST("ratio >= target"),
    /** {@code sextant / baseline <= target} (latency against a peer). */
    RATIO_AT_MOST("ratio <= target"),
    /** {@code sextant >= target}. */
    VALUE_AT_LEAST("sextant >= target"),
    /** {@code sextant <= target} (an absolute latency budget). */
    VALUE_AT_MOST("sextant <= target"),
    /** No target: a figure measured for the record; {@link #met()} is then {@code true}. */
    NONE("no target");

    private final String text;

    Goal(String text) {
      this.text = text;
    }

    /** The rule as written in JSON and tables, e.g. {@code ratio >= target}. */
    public String text() {
      return text;
    }

    boolean usesRatio() {
      return this == RATIO_AT_LEAST || this == RATIO_AT_MOST;
    }
  }

  public BenchRow {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(goal, "goal");
    if (goal.usesRatio() && (baseline == null || !(baseline > 0))) {
      throw new IllegalArgumentException(metric + ": a ratio target needs a positive baseline, got " + baseline);
    }
    if (baseline != null && baselineName == null) {
      throw new IllegalArgumentException(metric + ": name the baseline");
    }
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details == null ? Map.of() : details));
  }

  /** A row compared with a baseline: {@code sextant / baseline} against {@code target}. */
  public static BenchRow ratio(String metric, String unit, double sextant, double baseline, String baselineName,
      Goal goal, double target) {
    return new BenchRow(metric, unit, sextant, baseline, baselineName, target, goal, Map.of());
  }

  /** A row against an absolute budget; the baseline, if any, is for context only. */
  public static BenchRow absolute(String metric, String unit, double sextant, Double baseline, String baselineName,
      Goal goal, double target) {
    return new BenchRow(metric, unit, sextant, baseline, baselineName, target, goal, Map.of());
  }

  /** The same row with one more detail. */
  public BenchRow with(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new BenchRow(metric, unit, sextant, baseline, baselineName, target, goal, more);
  }

  /** {@code sextant / baseline}, or {@code null} without a baseline. */
  public Double ratio() {
    return baseline == null || baseline == 0 ? null : sextant / baseline;
  }

  /** Whether the target was met under {@link #goal()}. */
  public boolean met() {
    return switch (goal) {
      case RATIO_AT_LEAST -> ratio() >= target;
      case RATIO_AT_MOST -> ratio() <= target;
      case VALUE_AT_LEAST -> sextant >= target;
      case VALUE_AT_MOST -> sextant <= target;
      case NONE -> true;
    };
  }
}
