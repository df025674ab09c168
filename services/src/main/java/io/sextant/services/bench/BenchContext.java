package io.sextant.services.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What every suite gets: where to log, thread and repetition counts, where the shared data and
 * the peer cache are, and free-form {@code -P key=value} parameters for suite-specific knobs.
 *
 * @param log progress and tables go here
 * @param threads threads for the measured work ({@code >= 1})
 * @param repetitions interleaved pairs measured after the warm-up ({@code >= 1})
 * @param shared the shared data folder ({@code ../shared}), or {@code null} when absent
 * @param cache where peers are installed on first use (outside the project tree)
 * @param params suite-specific parameters
 */
public record BenchContext(PrintWriter log, int threads, int repetitions, Path shared, Path cache,
    Map<String, String> params) {

  public BenchContext {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(cache, "cache");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (repetitions < 1) {
      throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
    }
    params = Map.copyOf(params == null ? Map.of() : params);
  }

  /** A folder inside the shared data, or a {@link MissingPeerException} naming what is missing. */
  public Path requireShared(String relative, String whatFor) {
    if (shared == null || !Files.isDirectory(shared)) {
      throw new MissingPeerException("the shared data folder (../shared, or --shared DIR) is absent; " + whatFor
          + " needs " + relative + " from it");
    }
    Path p = shared.resolve(relative);
    if (!Files.exists(p)) {
      throw new MissingPeerException(p + " is missing; " + whatFor + " needs it");
    }
    return p;
  }

  public String param(String key, String fallback) {
    return params.getOrDefault(key, fallback);
  }

  public int intParam(String key, int fallback) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-P " + key + " must be a whole number, got '" + v + "'");
    }
  }

  public void say(String format, Object... args) {
    log.printf(java.util.Locale.ROOT, format + "%n", args);
    log.flush();
  }
}
