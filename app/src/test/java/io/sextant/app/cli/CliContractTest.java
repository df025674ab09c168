package io.sextant.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's names and JSON keys are a contract (README, acceptance scripts). These tests run the
 * real commands with the real quantised MiniLM on the repository's sample corpus.
 */
class CliContractTest {

  private static final String MODEL = "all-minilm-l6-v2-q";

  @TempDir static Path tmp;
  static InProcessCli cli;

  @BeforeAll
  static void setUp() {
    cli = new InProcessCli();
  }

  @AfterAll
  static void tearDown() {
    cli.close();
  }

  static InProcessCli.Result run(String... args) {
    return cli.run(args);
  }

  static Path sampleDocs() {
    return Path.of("..", "sample-corpora", "documents").toAbsolutePath().normalize();
  }

  @Test
  void indexWritesTheDocumentedJsonAndExitsZeroDespiteAFileFailure() throws Exception {
    Path ws = tmp.resolve("ws-index");
    Path json = tmp.resolve("index.json");
    var r = run("index", sampleDocs().toString(), "--workspace", ws.toString(), "--models", MODEL,
        "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(json.toFile());
    for (String key : List.of("files_seen", "files_indexed", "files_unchanged", "files_failed",
        "chunks", "chunks_embedded", "seconds", "failures")) {
      assertTrue(j.has(key), "missing key " + key + " in " + j);
    }
    assertEquals(15, j.get("files_seen").asInt());
    assertEquals(1, j.get("files_failed").asInt());
    assertTrue(j.get("failures").get(0).get("path").asText().endsWith("damaged-report.pdf"));
    assertTrue(j.get("failures").get(0).has("reason"));

    var again = run("index", sampleDocs().toString(), "--workspace", ws.toString(), "--json", json.toString());
    assertEquals(0, again.code(), again.err());
    assertEquals(0, Json.MAPPER.readTree(json.toFile()).get("chunks_embedded").asInt());

    var search = run("search", "Jikji metal movable type", "--workspace", ws.toString(), "--json", "-k", "3");
    assertEquals(0, search.code(), search.err());
    JsonNode hits = Json.MAPPER.readTree(search.out());
    assertTrue(hits.isArray() && hits.size() > 0);
    JsonNode top = hits.get(0);
    for (String key : List.of("path", "score", "chunk", "page", "bm25_score", "bm25_rank",
        "vector_score", "vector_rank", "fused_score", "snippet", "highlights")) {
      assertTrue(top.has(key), "missing key " + key + " in " + top);
    }
    assertTrue(top.get("path").asText().endsWith("history-of-the-printing-press.html"));

    for (String mode : List.of("keyword", "semantic")) {
      var m = run("search", "sourdough starter", "--workspace", ws.toString(), "--mode", mode, "-k", "1");
      assertEquals(0, m.code(), m.err());
      assertTrue(m.out().contains("sourdough-starter-care.md"), m.out());
    }
  }

  @Test
  void indexingAPathThatDoesNotExistFailsWithAClearMessage() {
    var r = run("index", tmp.resolve("nope").toString(), "--workspace", tmp.resolve("ws-bad").toString(),
        "--models", MODEL);
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("no such file or folder"), r.err());
  }

  @Test
  void anUnknownModelIsRefusedWithTheKnownIds() {
    var r = run("index", sampleDocs().toString(), "--workspace", tmp.resolve("ws-m").toString(),
        "--models", "no-such-model");
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("all-minilm-l6-v2"), r.err());
  }

  @Test
  void modelsListsEveryBuiltIn() throws Exception {
    var r = run("models", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode rows = Json.MAPPER.readTree(r.out());
    assertEquals(6, rows.size());
    assertTrue(rows.get(0).has("dimensions") && rows.get(0).has("status") && rows.get(0).has("source"));
  }

  @Test
  void evalOnATinyBeirSetWritesTheDocumentedKeysAndARunFile() throws Exception {
    Path adi = Path.of(System.getProperty("sextant.shared.dir", "../../shared"), "data", "adi");
    assumeTrue(Files.isDirectory(adi), "shared data absent: " + adi);
    Path json = tmp.resolve("eval.json");
    Path runFile = tmp.resolve("run.trec");
    var r = run("eval", "--beir", adi.toString(), "--model", MODEL, "--mode", "hybrid",
        "--json", json.toString(), "--run", runFile.toString(), "--cache", tmp.resolve("cache").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(json.toFile());
    for (String key : List.of("dataset", "model", "mode", "protocol", "docs", "queries", "ndcg@10",
        "mrr@10", "recall@10", "recall@100", "index_seconds", "query_ms_p50", "query_ms_p95")) {
      assertTrue(j.has(key), "missing key " + key + " in " + j);
    }
    assertEquals("adi", j.get("dataset").asText());
    assertTrue(j.get("ndcg@10").asDouble() > 0.2, j.toString());
    assertTrue(Files.readAllLines(runFile).get(0).matches("\\S+ Q0 \\S+ 1 \\S+ \\S+"));
  }

  @Test
  void chunkedProtocolScoresEachDocumentByItsBestChunk() throws Exception {
    Path adi = Path.of(System.getProperty("sextant.shared.dir", "../../shared"), "data", "adi");
    assumeTrue(Files.isDirectory(adi), "shared data absent: " + adi);
    Path json = tmp.resolve("eval-chunked.json");
    var r = run("eval", "--beir", adi.toString(), "--model", MODEL, "--mode", "semantic",
        "--protocol", "chunked", "--chunk-tokens", "64", "--chunk-overlap", "8",
        "--json", json.toString(), "--cache", tmp.resolve("cache").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(json.toFile());
    assertEquals("chunked", j.get("protocol").asText());
    assertTrue(j.get("units").asInt() >= j.get("docs").asInt(), j.toString());
    assertTrue(j.get("ndcg@10").asDouble() > 0.2, j.toString());
  }
}
