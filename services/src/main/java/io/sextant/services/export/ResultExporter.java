package io.sextant.services.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a result list with every score that went into it: one row per document (its best chunk),
 * with the keyword and vector components, the fused or second-stage score, and the rank before a
 * second stage. Empty cells (CSV) and nulls (JSON) mean "that retriever did not return it".
 */
public final class ResultExporter {

  /** Column order of the CSV and key order of the JSON rows. */
  public static final List<String> COLUMNS = List.of(
      "rank", "first_stage_rank", "path", "title", "page", "chunk_ordinal", "score",
      "first_stage_score", "rerank_score", "bm25_score", "bm25_rank", "vector_score", "vector_rank",
      "matching_chunks", "snippet");

  /** The format a file name asks for. */
  public enum Format {
    CSV, JSON;

    /** CSV or JSON by extension (case-insensitive). */
    public static Format of(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".csv")) {
        return CSV;
      }
      if (name.endsWith(".json")) {
        return JSON;
      }
      throw new IllegalArgumentException("export file must end in .csv or .json: " + file);
    }
  }

  private ResultExporter() {}

  /** One map per hit, keys in {@link #COLUMNS} order. */
  public static List<Map<String, Object>> rows(SearchResponse response) {
    Objects.requireNonNull(response, "response");
    List<Map<String, Object>> rows = new ArrayList<>();
    int rank = 1;
    for (DocHit d : response.hits()) {
      ChunkHit b = d.best();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("rank", rank++);
      r.put("first_stage_rank", d.firstStageRank() > 0 ? d.firstStageRank() : null);
      r.put("path", d.path());
      r.put("title", d.title());
      r.put("page", b.page());
      r.put("chunk_ordinal", b.ordinal());
      r.put("score", b.score());
      r.put("first_stage_score", b.reranked() ? b.firstStageScore() : b.score());
      r.put("rerank_score", b.rerankScore());
      r.put("bm25_score", b.bm25Score());
      r.put("bm25_rank", b.bm25Rank());
      r.put("vector_score", b.vectorScore());
      r.put("vector_rank", b.vectorRank());
      r.put("matching_chunks", d.chunks().size());
      r.put("snippet", b.snippet().replaceAll("\\s+", " ").strip());
      rows.add(r);
    }
    return rows;
  }

  public static void writeCsv(SearchResponse response, Writer out) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
        .setHeader(COLUMNS.toArray(String[]::new)).get());
    for (Map<String, Object> r : rows(response)) {
      csv.printRecord(r.values());
    }
    csv.flush();
  }

  /**
   * JSON: {@code {"query", "mode", "model", "rerank_micros", "hits": [...]}} with the same fields
   * per hit as the CSV.
   */
  public static void writeJson(String query, SearchResponse response, Writer out) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("query", query);
    doc.put("mode", response.mode().name().toLowerCase(Locale.ROOT));
    doc.put("model", response.modelId());
    doc.put("embed_micros", response.embedMicros());
    doc.put("search_micros", response.searchMicros());
    doc.put("rerank_micros", response.rerankMicros());
    doc.put("hits", rows(response));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, doc);
  }

  /** Writes {@code file} in the format its extension names, replacing it. */
  public static void write(String query, SearchResponse response, Path file) throws IOException {
    Format f = Format.of(file);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (f == Format.CSV) {
        writeCsv(response, w);
      } else {
        writeJson(query, response, w);
      }
    }
  }
}
