package io.sextant.services.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Relevance judgments: for each query id, the graded relevance of judged documents. Grades of 0
 * or below mean "judged not relevant".
 */
public final class Qrels {

  private final Map<String, Map<String, Integer>> byQuery;

  public Qrels(Map<String, Map<String, Integer>> byQuery) {
    Objects.requireNonNull(byQuery, "byQuery");
    var copy = new LinkedHashMap<String, Map<String, Integer>>();
    byQuery.forEach((q, docs) -> copy.put(q, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
    this.byQuery = Collections.unmodifiableMap(copy);
  }

  /**
   * Reads a BEIR qrels file: tab-separated {@code query-id corpus-id score} with a header line,
   * or TREC's {@code qid 0 docid grade} (four whitespace-separated columns, no header).
   */
  public static Qrels read(Path file) throws IOException {
    var map = new LinkedHashMap<String, Map<String, Integer>>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        line = line.strip();
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\\s+");
        if (lineNo == 1 && f.length >= 3 && !f[f.length - 1].matches("-?\\d+")) {
          continue; // header
        }
        String q, d, g;
        if (f.length == 3) {
          q = f[0]; d = f[1]; g = f[2];
        } else if (f.length == 4) {
          q = f[0]; d = f[2]; g = f[3];
        } else {
          throw new IOException(file + ":" + lineNo + ": expected 3 (BEIR) or 4 (TREC) columns: " + line);
        }
        int grade;
        try {
          grade = Integer.parseInt(g);
        } catch (NumberFormatException e) {
          throw new IOException(file + ":" + lineNo + ": relevance grade is not an integer: " + g);
        }
        map.computeIfAbsent(q, k -> new LinkedHashMap<>()).put(d, grade);
      }
    }
    return new Qrels(map);
  }

  /** Query ids in file order. */
  public Set<String> queryIds() {
    return byQuery.keySet();
  }

  /** Judgments of one query (document id to grade); empty when the query was not judged. */
  public Map<String, Integer> judgments(String queryId) {
    return byQuery.getOrDefault(queryId, Map.of());
  }

  /** Number of documents judged relevant (grade above 0) for the query. */
  public int relevantCount(String queryId) {
    int n = 0;
    for (int g : judgments(queryId).values()) {
      if (g > 0) {
        n++;
      }
    }
    return n;
  }

  public int size() {
    return byQuery.size();
  }
}
