package io.sextant.views.evaluate;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The Evaluate screen's score table as CSV: one row per setup with its metrics, and its paired
 * test against the first setup (the baseline the screen's chart and wins/losses list compare
 * to), so a spreadsheet gets the same numbers the screen shows without re-running anything.
 */
public final class ReportTable {

  private ReportTable() {}

  /** Column names; {@code recall@k} carries the run's k. */
  public static List<String> columns(int k) {
    return List.of("setup", "queries", "k", "ndcg@10", "mrr@10", "recall@" + k, "ms_per_query",
        "ndcg@10_diff_vs_first", "p_vs_first", "ci95_low_vs_first", "ci95_high_vs_first");
  }

  /** Writes {@code report} to {@code out} (RFC 4180; numbers with a dot, whatever the locale). */
  public static void write(EvaluatePort.Report report, Writer out) throws IOException {
    Objects.requireNonNull(report, "report");
    CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
        .setHeader(columns(report.k()).toArray(String[]::new)).get());
    for (int i = 0; i < report.scores().size(); i++) {
      EvaluatePort.SetupScore s = report.scores().get(i);
      List<Object> row = new ArrayList<>(List.of(s.setup().label(), report.queries(), report.k(),
          num(s.ndcg10()), num(s.mrr10()), num(s.recallK()), String.format(Locale.ROOT, "%.2f", s.meanMillis())));
      EvaluatePort.PairTest t = againstFirst(report, i);
      if (t == null) {
        row.addAll(java.util.Arrays.asList(null, null, null, null));
      } else {
        row.addAll(List.of(num(t.meanDiff()), num(t.p()), num(t.ciLow()), num(t.ciHigh())));
      }
      csv.printRecord(row);
    }
    csv.flush();
  }

  /** The test of setup 0 against setup {@code i}, or null for the first setup itself. */
  private static EvaluatePort.PairTest againstFirst(EvaluatePort.Report report, int i) {
    for (EvaluatePort.PairTest t : report.tests()) {
      if (t.a() == 0 && t.b() == i && i != 0) {
        return t;
      }
    }
    return null;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
