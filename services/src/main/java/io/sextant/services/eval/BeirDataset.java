package io.sextant.services.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A retrieval dataset in BEIR layout: {@code corpus.jsonl} ({@code _id}, {@code title},
 * {@code text}), {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/SPLIT.tsv}.
 *
 * @param name dataset name (the folder's name)
 * @param corpus documents in file order
 * @param queries the queries judged in the split, in qrels order
 * @param qrels judgments of the split
 */
public record BeirDataset(String name, List<Doc> corpus, Map<String, String> queries, Qrels qrels) {

  /** One corpus document. */
  public record Doc(String id, String title, String text) {
    public Doc {
      Objects.requireNonNull(id, "id");
      title = title == null ? "" : title;
      text = text == null ? "" : text;
    }

    /**
     * The text MTEB embeds for a document: title, a space, then the body, stripped (so a document
     * without a title is just its body).
     */
    public String mtebText() {
      return (title + " " + text).strip();
    }
  }

  public BeirDataset {
    Objects.requireNonNull(name, "name");
    corpus = List.copyOf(corpus);
    queries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queries));
    Objects.requireNonNull(qrels, "qrels");
  }

  /** Loads a BEIR folder; fails with the file and line at fault when something is malformed. */
  public static BeirDataset load(Path dir, String split) throws IOException {
    Path corpusFile = dir.resolve("corpus.jsonl");
    Path queriesFile = dir.resolve("queries.jsonl");
    Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
    for (Path p : List.of(corpusFile, queriesFile, qrelsFile)) {
      if (!Files.isRegularFile(p)) {
        throw new IOException("not a BEIR dataset folder: missing " + p);
      }
    }
    ObjectMapper json = new ObjectMapper();
    List<Doc> corpus = new ArrayList<>();
    readJsonl(json, corpusFile, n -> corpus.add(new Doc(n.path("_id").asText(),
        n.path("title").asText(""), n.path("text").asText(""))));
    Map<String, String> allQueries = new LinkedHashMap<>();
    readJsonl(json, queriesFile, n -> allQueries.put(n.path("_id").asText(), n.path("text").asText("")));
    Qrels qrels = Qrels.read(qrelsFile);
    Map<String, String> judged = new LinkedHashMap<>();
    for (String q : qrels.queryIds()) {
      String text = allQueries.get(q);
      if (text == null) {
        throw new IOException(qrelsFile + " judges query " + q + " which is not in " + queriesFile);
      }
      judged.put(q, text);
    }
    return new BeirDataset(dir.getFileName().toString(), corpus, judged, qrels);
  }

  private static void readJsonl(ObjectMapper json, Path file, java.util.function.Consumer<JsonNode> sink)
      throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = json.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IOException(file + ":" + lineNo + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (!n.hasNonNull("_id")) {
          throw new IOException(file + ":" + lineNo + ": record has no _id");
        }
        sink.accept(n);
      }
    }
  }
}
