package io.sextant.services.judgments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.services.eval.Qrels;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Imports a BEIR folder's queries ({@code queries.jsonl}) and judgments ({@code qrels/SPLIT.tsv})
 * into a {@link JudgmentStore}. The corpus itself is not read: its documents must already be
 * files in the workspace, and a BEIR document id is matched to the workspace file whose name
 * without extension equals it ({@link DocIds#stem}), e.g. corpus id 4983 to {@code .../4983.txt}.
 * Judgments of documents with no such file, or with several, are skipped and counted; only
 * queries left with at least one judgment are saved. The import is one transaction.
 */
public final class BeirImport {

  /**
   * @param queries queries saved (with at least one matched judgment)
   * @param judgments judgments saved
   * @param unmatchedDocs judgments skipped because no workspace file has that document id
   * @param ambiguousDocs judgments skipped because several workspace files have that id
   * @param queriesWithoutMatches judged queries skipped because none of their documents matched
   */
  public record Result(int queries, int judgments, int unmatchedDocs, int ambiguousDocs, int queriesWithoutMatches) {}

  private BeirImport() {}

  /**
   * @param folder BEIR dataset folder
   * @param split qrels split, usually "test"
   * @param fileKeys the workspace's file keys (absolute paths of indexed files)
   */
  public static Result run(JudgmentStore store, Path folder, String split, Collection<String> fileKeys)
      throws IOException {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(fileKeys, "fileKeys");
    Path queriesFile = folder.resolve("queries.jsonl");
    Path qrelsFile = folder.resolve("qrels").resolve(split + ".tsv");
    if (!Files.isRegularFile(queriesFile)) {
      throw new IOException("not a BEIR folder: " + queriesFile + " is missing");
    }
    if (!Files.isRegularFile(qrelsFile)) {
      throw new IOException("not a BEIR folder: " + qrelsFile + " is missing (split '" + split + "')");
    }
    Map<String, String> texts = readQueries(queriesFile);
    Qrels qrels = Qrels.read(qrelsFile);
    Map<String, List<String>> byStem = new HashMap<>();
    for (String key : fileKeys) {
      byStem.computeIfAbsent(DocIds.stem(key), s -> new ArrayList<>(1)).add(key);
    }
    int[] unmatched = {0};
    int[] ambiguous = {0};
    int[] skippedQueries = {0};
    Map<String, Map<String, Integer>> toSave = new LinkedHashMap<>();
    for (String qid : qrels.queryIds()) {
      String text = texts.get(qid);
      if (text == null || text.isBlank()) {
        throw new IOException(qrelsFile + " judges query " + qid + ", which " + queriesFile + " does not have");
      }
      Map<String, Integer> matched = new LinkedHashMap<>();
      qrels.judgments(qid).forEach((docId, grade) -> {
        List<String> files = byStem.getOrDefault(docId, List.of());
        if (files.isEmpty()) {
          unmatched[0]++;
        } else if (files.size() > 1) {
          ambiguous[0]++;
        } else {
          matched.put(files.get(0), Math.max(0, grade)); // trec_eval counts negative grades as 0
        }
      });
      if (matched.isEmpty()) {
        skippedQueries[0]++;
      } else {
        toSave.put(qid, matched);
      }
    }
    int judgments = store.inTransaction(() -> {
      int n = 0;
      for (var e : toSave.entrySet()) {
        store.putQuery(e.getKey(), texts.get(e.getKey()));
        for (var j : e.getValue().entrySet()) {
          store.judgeById(e.getKey(), j.getKey(), j.getValue());
          n++;
        }
      }
      return n;
    });
    return new Result(toSave.size(), judgments, unmatched[0], ambiguous[0], skippedQueries[0]);
  }

  private static Map<String, String> readQueries(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> out = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = json.readTree(line);
        } catch (IOException e) {
          throw new IOException(file + ":" + no + ": not a JSON object: " + e.getMessage(), e);
        }
        String id = n.path("_id").asText("");
        if (id.isEmpty()) {
          throw new IOException(file + ":" + no + ": query without an _id");
        }
        out.put(id, n.path("text").asText(""));
      }
    }
    return out;
  }
}
