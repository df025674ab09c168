package io.sextant.services.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A system's ranked results for a set of queries, held in trec_eval order: descending score, ties
 * broken by descending document id. Keeping that order here (instead of the order a system
 * produced) means a run scores the same whether it is evaluated in memory or written to a file
 * and read by trec_eval.
 */
public final class Run {

  /** trec_eval's ordering: score descending, then document id descending. */
  public static final Comparator<ScoredDoc> TREC_ORDER =
      Comparator.comparingDouble(ScoredDoc::score).reversed()
          .thenComparing(ScoredDoc::docId, Comparator.reverseOrder());

  private final Map<String, List<ScoredDoc>> byQuery;

  public Run(Map<String, List<ScoredDoc>> byQuery) {
    Objects.requireNonNull(byQuery, "byQuery");
    var copy = new LinkedHashMap<String, List<ScoredDoc>>();
    byQuery.forEach((q, docs) -> {
      var sorted = new ArrayList<>(docs);
      sorted.sort(TREC_ORDER);
      copy.put(q, Collections.unmodifiableList(sorted));
    });
    this.byQuery = Collections.unmodifiableMap(copy);
  }

  public Set<String> queryIds() {
    return byQuery.keySet();
  }

  /** Ranked documents of one query (empty when the system returned nothing). */
  public List<ScoredDoc> ranking(String queryId) {
    return byQuery.getOrDefault(queryId, List.of());
  }

  /**
   * Writes the run in TREC format: {@code qid Q0 docid rank score tag}, one line per document.
   */
  public void writeTrec(Path file, String tag) throws IOException {
    Objects.requireNonNull(tag, "tag");
    if (tag.isBlank() || tag.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("run tag must be one word: '" + tag + "'");
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (var e : byQuery.entrySet()) {
        int rank = 1;
        for (ScoredDoc d : e.getValue()) {
          w.write(e.getKey() + " Q0 " + d.docId() + " " + rank++ + " " + d.score() + " " + tag);
          w.newLine();
        }
      }
    }
  }

  /** Reads a TREC run file written by any system. */
  public static Run readTrec(Path file) throws IOException {
    var map = new LinkedHashMap<String, List<ScoredDoc>>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.strip().split("\\s+");
      if (f.length != 6) {
        throw new IOException(file + ":" + lineNo + ": expected 6 columns (qid Q0 docid rank score tag)");
      }
      try {
        map.computeIfAbsent(f[0], k -> new ArrayList<>())
            .add(new ScoredDoc(f[2], Double.parseDouble(f[4])));
      } catch (NumberFormatException e) {
        throw new IOException(file + ":" + lineNo + ": score is not a number: " + f[4]);
      }
    }
    return new Run(map);
  }
}
