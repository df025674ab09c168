package io.sextant.services.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.services.eval.EvalOptions;
import io.sextant.services.eval.EvalResult;
import io.sextant.services.eval.MetricSummary;
import io.sextant.services.eval.Protocol;
import io.sextant.services.eval.Run;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.ingest.ChunkerSettings;
import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.Fusion;
import io.sextant.services.search.Rerank;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchResponse;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultExporterTest {

  @TempDir Path tmp;

  /** Two hits: a re-ranked one from both retrievers, and one below the depth from keywords only. */
  static SearchResponse response() {
    String awkward = "quotes \"here\", commas, and\na new line";
    ChunkHit a = new ChunkHit("/d/a.md#0", "/d/a.md", "/d/a.md", "A, the title", "text", 2, 0, 0, 4,
        awkward, List.of(), 3.5, 1, 0.81, 2, 7.25, 0.033);
    ChunkHit b = new ChunkHit("/d/b.md#1", "/d/b.md", "/d/b.md", "B", "text", 0, 1, 0, 4,
        "plain", List.of(), 2.0, 3, null, null, 0.016);
    return new SearchResponse(List.of(new DocHit("/d/a.md", "/d/a.md", "A, the title", 7.25, List.of(a), 2),
        new DocHit("/d/b.md", "/d/b.md", "B", 0.016, List.of(b), 3)), SearchMode.HYBRID, "m", 10, 20, 40, 5);
  }

  @Test
  void csvRoundTripsEveryScoreAndAwkwardText() throws Exception {
    StringWriter w = new StringWriter();
    ResultExporter.writeCsv(response(), w);
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(w.toString())).getRecords();
    assertEquals(2, rows.size());
    CSVRecord a = rows.get(0);
    assertEquals("1", a.get("rank"));
    assertEquals("2", a.get("first_stage_rank"));
    assertEquals("A, the title", a.get("title"));
    assertEquals("7.25", a.get("score"));
    assertEquals("7.25", a.get("rerank_score"));
    assertEquals("0.033", a.get("first_stage_score"));
    assertEquals("3.5", a.get("bm25_score"));
    assertEquals("0.81", a.get("vector_score"));
    assertEquals("quotes \"here\", commas, and a new line", a.get("snippet"));
    CSVRecord b = rows.get(1);
    assertEquals("", b.get("vector_score"), "absent components are empty cells");
    assertEquals("", b.get("rerank_score"));
    assertEquals("0.016", b.get("first_stage_score"));
  }

  @Test
  void jsonHasTheSameFieldsAndNullsForAbsentComponents() throws Exception {
    Path f = tmp.resolve("hits.json");
    ResultExporter.write("solar roof", response(), f);
    JsonNode doc = new ObjectMapper().readTree(f.toFile());
    assertEquals("solar roof", doc.get("query").asText());
    assertEquals("hybrid", doc.get("mode").asText());
    assertEquals(5, doc.get("rerank_micros").asLong());
    JsonNode hits = doc.get("hits");
    assertEquals(2, hits.size());
    List<String> keys = new java.util.ArrayList<>();
    hits.get(0).fieldNames().forEachRemaining(keys::add);
    assertEquals(ResultExporter.COLUMNS, keys);
    assertTrue(hits.get(1).get("vector_score").isNull());
    assertEquals(3, hits.get(1).get("first_stage_rank").asInt());
  }

  @Test
  void theFileExtensionChoosesTheFormat() throws Exception {
    Path csv = tmp.resolve("hits.CSV");
    ResultExporter.write("q", response(), csv);
    assertTrue(Files.readString(csv).startsWith(String.join(",", ResultExporter.COLUMNS)));
    assertThrows(IllegalArgumentException.class, () -> ResultExporter.write("q", response(), tmp.resolve("hits.txt")));
  }

  @Test
  void evaluationTablesHaveOneRowPerSetupWithTheGain() throws Exception {
    var opts = new EvalOptions("small", SearchMode.SEMANTIC, Protocol.MTEB, true, Fusion.rrf(),
        IndexSettings.DEFAULT, ChunkerSettings.DEFAULT, 100, 1, new Rerank("big", 50), 0);
    var reranked = new MetricSummary(300, 0.70, 0.66, 0.8, 0.9, Map.of());
    var first = new MetricSummary(300, 0.64, 0.60, 0.78, 0.92, Map.of());
    var r = new EvalResult("scifact", opts, 5183, 5183, reranked, 0, 0, 1, 90, 150,
        new Run(Map.of()), first, 12, 30);
    StringWriter w = new StringWriter();
    EvalTableExporter.writeCsv(List.of(r), w);
    CSVRecord row = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(w.toString())).getRecords().get(0);
    assertEquals("big", row.get("rerank_model"));
    assertEquals("0.0600", row.get("ndcg@10_gain"));
    assertEquals("0.6400", row.get("first_stage_ndcg@10"));
    assertEquals("", row.get("dims"));
  }
}
