package io.sextant.services.index;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.lucene.util.VectorUtil;

/**
 * Tells whether Lucene's Panama (Vector API) code is active. Without it kNN search and HNSW builds
 * run 2.5-3x slower, silently; the CLI and the workbench surface this result so a misconfigured
 * launcher (missing {@code --add-modules jdk.incubator.vector}, or a runtime image without the
 * modules Lucene needs) is noticed at once.
 *
 * <p>Lucene keeps its vectorization provider internal and refuses outside callers, so the check
 * reads the one public signal it gives: the log record it writes when it first picks a provider.
 * It must therefore run before anything else touches Lucene's vector code.
 */
public final class VectorizationCheck {

  private static final String LOGGER_PREFIX = "org.apache.lucene.internal.vectorization";

  /**
   * @param active whether the Panama provider was chosen
   * @param detail Lucene's own words (e.g. "Java vector incubator API enabled; uses preferredBitSize=512")
   */
  public record Result(boolean active, String detail) {}

  private VectorizationCheck() {}

  /** Runs the check; call once, early, before any index is opened. */
  public static Result run() {
    List<LogRecord> records = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLoggerName() != null && r.getLoggerName().startsWith(LOGGER_PREFIX)) {
          synchronized (records) {
            records.add(r);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger parent = Logger.getLogger(LOGGER_PREFIX);
    Level oldLevel = parent.getLevel();
    boolean oldUseParents = parent.getUseParentHandlers();
    parent.setLevel(Level.INFO); // the "enabled" record is INFO; our logging config hides INFO
    parent.setUseParentHandlers(false); // the caller reports the result in its own words
    parent.addHandler(capture);
    try {
      VectorUtil.dotProduct(new float[] {1f}, new float[] {1f}); // makes Lucene choose its provider
    } finally {
      parent.removeHandler(capture);
      parent.setLevel(oldLevel);
      parent.setUseParentHandlers(oldUseParents);
    }
    synchronized (records) {
      for (LogRecord r : records) {
        String msg = r.getMessage() == null ? "" : r.getMessage();
        if (msg.contains("incubator API enabled")) {
          return new Result(true, msg);
        }
      }
      if (!records.isEmpty()) {
        return new Result(false, records.get(0).getMessage());
      }
    }
    // provider chosen before the check ran: fall back to whether the module is there at all
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    return new Result(module, module
        ? "jdk.incubator.vector is loaded (Lucene's choice was made before this check)"
        : "jdk.incubator.vector is not loaded; pass --add-modules jdk.incubator.vector");
  }
}
