package io.sextant.views.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sextant.services.search.SearchMode;
import io.sextant.views.common.Setup;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReportTableTest {

  @Test
  void everySetupIsARowWithItsTestAgainstTheFirstSetup() throws Exception {
    Setup bm25 = new Setup("all-minilm-l6-v2-q", SearchMode.KEYWORD);
    Setup hybrid = new Setup("all-minilm-l6-v2-q", SearchMode.HYBRID);
    var report = new EvaluatePort.Report(
        List.of(new EvaluatePort.SetupScore(bm25, 0.80214, 0.75, 0.9, 3.456),
            new EvaluatePort.SetupScore(hybrid, 0.83731, 0.8, 0.95, 12.0)),
        List.of(new EvaluatePort.PairTest(0, 1, 0.03517, 0.0006, 0.015, 0.055)),
        List.of(), 300, 100);
    StringWriter out = new StringWriter();
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY); // decimal comma: the CSV must not follow it
    try {
      ReportTable.write(report, out);
    } finally {
      Locale.setDefault(before);
    }
    String[] lines = out.toString().split("\r\n");
    assertEquals(3, lines.length);
    assertEquals("setup,queries,k,ndcg@10,mrr@10,recall@100,ms_per_query,ndcg@10_diff_vs_first,p_vs_first,"
        + "ci95_low_vs_first,ci95_high_vs_first", lines[0]);
    assertEquals(bm25.label() + ",300,100,0.8021,0.7500,0.9000,3.46,,,,", lines[1].replace("\"", ""));
    assertEquals(hybrid.label() + ",300,100,0.8373,0.8000,0.9500,12.00,0.0352,0.0006,0.0150,0.0550",
        lines[2].replace("\"", ""));
  }
}
