package io.sextant.services.ingest.worker;

import io.sextant.services.ingest.DocumentParser;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on parsing one file in a worker process.
 *
 * @param timeout wall time one file may take before its worker is killed
 * @param heapMb the worker JVM's maximum heap ({@code -Xmx}); a file that needs more fails as
 *     out-of-memory instead of slowing or killing the whole application
 * @param writeLimit most characters of text kept per file
 * @param workers most worker processes at once (one per parse thread is enough)
 */
public record ParserLimits(Duration timeout, int heapMb, int writeLimit, int workers) {

  /** Two minutes covers a 1,000-page PDF on a slow machine; anything slower is stuck. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  /** Enough for large PDFs and the default write limit (20 M chars = 40 MB of text, held twice). */
  public static final int DEFAULT_HEAP_MB = 768;

  public ParserLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (heapMb < 16) {
      throw new IllegalArgumentException("heapMb must be at least 16, got " + heapMb);
    }
    if (writeLimit <= 0) {
      throw new IllegalArgumentException("writeLimit must be > 0, got " + writeLimit);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
  }

  public static ParserLimits defaults() {
    return new ParserLimits(DEFAULT_TIMEOUT, DEFAULT_HEAP_MB, DocumentParser.DEFAULT_WRITE_LIMIT, 2);
  }

  /**
   * The defaults, adjusted by the system properties {@code sextant.parser.timeoutSeconds} and
   * {@code sextant.parser.heapMb} (set through {@code SEXTANT_JVM_OPTS}) for machines where the
   * defaults do not fit.
   */
  public static ParserLimits fromSystemProperties() {
    ParserLimits d = defaults();
    long seconds = Long.getLong("sextant.parser.timeoutSeconds", d.timeout().toSeconds());
    int heap = Integer.getInteger("sextant.parser.heapMb", d.heapMb());
    return new ParserLimits(Duration.ofSeconds(seconds), heap, d.writeLimit(), d.workers());
  }

  public ParserLimits withTimeout(Duration t) {
    return new ParserLimits(t, heapMb, writeLimit, workers);
  }

  public ParserLimits withHeapMb(int mb) {
    return new ParserLimits(timeout, mb, writeLimit, workers);
  }

  public ParserLimits withWriteLimit(int chars) {
    return new ParserLimits(timeout, heapMb, chars, workers);
  }
}
