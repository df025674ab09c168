package io.sextant.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sextant.services.eval.Qrels;
import io.sextant.services.eval.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sextant judgments}: a small BEIR folder written for the sample corpus (document ids are
 * the files' names without extension) imported, listed, evaluated, exported, with the real
 * quantised MiniLM.
 */
class JudgmentsCommandTest {

  @TempDir static Path tmp;
  static Path ws;
  static Path beir;
  static InProcessCli cli;

  @BeforeAll
  static void setUp() throws Exception {
    cli = new InProcessCli();
    ws = tmp.resolve("ws");
    var r = cli.run("index", CliContractTest.sampleDocs().toString(), "--workspace", ws.toString(),
        "--models", "all-minilm-l6-v2-q");
    assertEquals(0, r.code(), r.err());
    beir = Files.createDirectories(tmp.resolve("beir/qrels")).getParent();
    Files.writeString(beir.resolve("queries.jsonl"), """
        {"_id": "t1", "text": "why does the sea rise and fall twice a day"}
        {"_id": "t2", "text": "keeping a sourdough starter alive"}
        {"_id": "t3", "text": "a query about nothing we have"}
        """);
    Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\n"
        + "t1\ttides-and-the-moon\t2\nt1\tthe-bowl-of-water\t1\nt1\tred-lentil-soup-recipe\t0\n"
        + "t2\tsourdough-starter-care\t1\nt3\tnot-a-file-here\t1\n");
  }

  @AfterAll
  static void tearDown() {
    cli.close();
  }

  @Test
  void importEvaluateAndExportRoundTrip() throws Exception {
    var imp = cli.run("judgments", "import-beir", beir.toString(), "--workspace", ws.toString());
    assertEquals(0, imp.code(), imp.err());
    assertTrue(imp.out().contains("imported 2 queries, 4 judgments"), imp.out());
    assertTrue(imp.out().contains("1 judgments of documents not in the workspace"), imp.out());

    var list = cli.run("judgments", "list", "--workspace", ws.toString());
    assertTrue(list.out().contains("t1\t2 relevant of 3 judged\twhy does the sea"), list.out());

    Path json = tmp.resolve("eval.json");
    var ev = cli.run("judgments", "evaluate", "--workspace", ws.toString(), "--setups",
        "keyword,semantic,all-minilm-l6-v2-q:hybrid", "-k", "10", "--json", json.toString());
    assertEquals(0, ev.code(), ev.err());
    JsonNode j = io.sextant.app.cli.Json.MAPPER.readTree(json.toFile());
    assertEquals(2, j.get("queries").asInt());
    assertEquals(3, j.get("results").size());
    assertEquals(3, j.get("pairs").size());
    assertTrue(j.get("pairs").get(0).get("exact").asBoolean(), "two queries: the exact test");
    for (JsonNode res : j.get("results")) {
      assertTrue(res.get("ndcg@10").asDouble() > 0.5, "the sample's obvious answers are found: " + res);
    }

    Path qrels = tmp.resolve("qrels.txt");
    assertEquals(0, cli.run("judgments", "export-qrels", qrels.toString(), "--doc-ids", "stem",
        "--workspace", ws.toString()).code());
    assertEquals(Map.of("tides-and-the-moon", 2, "the-bowl-of-water", 1, "red-lentil-soup-recipe", 0),
        Qrels.read(qrels).judgments("t1"));
    Path run = tmp.resolve("run.txt");
    var ex = cli.run("judgments", "export-run", run.toString(), "--setup", "semantic", "-k", "5",
        "--doc-ids", "stem", "--workspace", ws.toString());
    assertEquals(0, ex.code(), ex.err());
    assertEquals(5, Run.readTrec(run).ranking("t2").size());
    assertTrue(Files.readAllLines(run).get(0).endsWith("all-minilm-l6-v2-q-semantic"));
  }
}
