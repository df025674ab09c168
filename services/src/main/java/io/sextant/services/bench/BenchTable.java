package io.sextant.services.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints result rows as a fixed-width table for the terminal. */
public final class BenchTable {

  private BenchTable() {}

  public static void print(List<BenchRow> rows, PrintWriter out) {
    int w = 28;
    for (BenchRow r : rows) {
      w = Math.max(w, r.metric().length());
    }
    String fmt = "%-" + w + "s %12s %12s %8s %-18s %-4s  %s%n";
    out.printf(Locale.ROOT, fmt, "metric", "sextant", "baseline", "ratio", "target", "met", "baseline is");
    for (BenchRow r : rows) {
      out.printf(Locale.ROOT, fmt, r.metric(), num(r.sextant()) + " ", r.baseline() == null ? "-" : num(r.baseline()),
          r.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.ratio()),
          r.goal() == BenchRow.Goal.NONE ? "-" : r.goal().text().replace("target", num(r.target())), r.goal() == BenchRow.Goal.NONE ? "-" : r.met() ? "yes" : "NO",
          (r.baselineName() == null ? "" : r.baselineName()) + " [" + r.unit() + "]");
    }
    out.flush();
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.4f", v);
  }
}
