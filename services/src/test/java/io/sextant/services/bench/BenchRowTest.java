package io.sextant.services.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRowTest {

  @Test
  void ratioIsAlwaysSextantOverBaselineAndTheGoalDecidesMet() {
    BenchRow faster = BenchRow.ratio("qps", "q/s", 150, 100, "peer", BenchRow.Goal.RATIO_AT_LEAST, 1.2);
    assertEquals(1.5, faster.ratio(), 1e-12);
    assertTrue(faster.met());
    BenchRow slower = BenchRow.ratio("p50", "ms", 5.2, 4, "peer", BenchRow.Goal.RATIO_AT_MOST, 1.3);
    assertEquals(1.3, slower.ratio(), 1e-12);
    assertTrue(slower.met(), "exactly at the target counts as met");
    BenchRow budget = BenchRow.absolute("p99", "ms", 16, null, null, BenchRow.Goal.VALUE_AT_MOST, 15);
    assertNull(budget.ratio());
    assertFalse(budget.met());
  }

  @Test
  void aRatioTargetWithoutABaselineIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> BenchRow.absolute("x", "ms", 1, null, null, BenchRow.Goal.RATIO_AT_MOST, 1));
    assertThrows(IllegalArgumentException.class,
        () -> BenchRow.ratio("x", "ms", 1, 2, null, BenchRow.Goal.RATIO_AT_MOST, 1));
  }

  @Test
  void jsonHasTheContractKeysFirstThenDetails(@TempDir Path dir) throws Exception {
    BenchRow row = BenchRow.ratio("embed", "texts/s", 120, 100, "node", BenchRow.Goal.RATIO_AT_LEAST, 1.0)
        .with("threads", 2);
    Path file = dir.resolve("out/rows.json");
    BenchJson.write(List.of(row), file);
    JsonNode n = new ObjectMapper().readTree(Files.readString(file)).get(0);
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("metric", "sextant", "baseline", "baseline_name", "ratio", "target", "met"), keys.subList(0, 7));
    assertTrue(n.get("met").asBoolean());
    assertEquals(1.2, n.get("ratio").asDouble(), 1e-12);
    assertEquals(2, n.get("threads").asInt());
  }

  @Test
  void tablePrintsOneLinePerRowAndSaysWhenATargetIsMissed() {
    StringWriter s = new StringWriter();
    BenchTable.print(List.of(
        BenchRow.ratio("fast", "q/s", 2, 1, "peer", BenchRow.Goal.RATIO_AT_LEAST, 1),
        BenchRow.absolute("slow", "ms", 20, null, null, BenchRow.Goal.VALUE_AT_MOST, 15)), new PrintWriter(s));
    String[] lines = s.toString().split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[1].contains("yes"));
    assertTrue(lines[2].contains("NO"));
  }
}
