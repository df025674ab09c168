package io.sextant.services.export;

import io.sextant.services.eval.EvalOptions;
import io.sextant.services.eval.EvalResult;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes evaluation results as a CSV table: one row per setup, metrics and latency as columns. */
public final class EvalTableExporter {

  public static final List<String> COLUMNS = List.of(
      "dataset", "model", "mode", "protocol", "exact", "fusion", "index", "dims", "rerank_model",
      "rerank_depth", "queries", "ndcg@10", "mrr@10", "recall@10", "recall@100",
      "first_stage_ndcg@10", "ndcg@10_gain", "query_ms_p50", "query_ms_p95",
      "first_stage_query_ms_p50", "first_stage_query_ms_p95");

  private EvalTableExporter() {}

  public static void writeCsv(List<EvalResult> results, Writer out) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
        .setHeader(COLUMNS.toArray(String[]::new)).get());
    for (EvalResult r : results) {
      csv.printRecord(row(r));
    }
    csv.flush();
  }

  static List<Object> row(EvalResult r) {
    EvalOptions o = r.options();
    var m = r.metrics();
    var f = r.firstStage();
    List<Object> row = new ArrayList<>();
    row.add(r.dataset());
    row.add(o.modelId());
    row.add(o.mode().name().toLowerCase(Locale.ROOT));
    row.add(o.protocol().name().toLowerCase(Locale.ROOT));
    row.add(o.exact());
    row.add(o.fusion());
    row.add(o.index().fingerprint());
    row.add(o.dims() == 0 ? null : o.dims());
    row.add(o.rerank() == null ? null : o.rerank().modelId());
    row.add(o.rerank() == null ? null : o.rerank().depth());
    row.add(m.queries());
    row.add(fmt(m.ndcg10()));
    row.add(fmt(m.mrr10()));
    row.add(fmt(m.recall10()));
    row.add(fmt(m.recall100()));
    row.add(f == null ? null : fmt(f.ndcg10()));
    row.add(f == null ? null : fmt(m.ndcg10() - f.ndcg10()));
    row.add(String.format(Locale.ROOT, "%.2f", r.queryMsP50()));
    row.add(String.format(Locale.ROOT, "%.2f", r.queryMsP95()));
    row.add(f == null ? null : String.format(Locale.ROOT, "%.2f", r.firstStageMsP50()));
    row.add(f == null ? null : String.format(Locale.ROOT, "%.2f", r.firstStageMsP95()));
    return row;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
