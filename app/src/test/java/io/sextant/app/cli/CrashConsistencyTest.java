package io.sextant.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sextant.services.catalog.Catalog;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code sextant index} (a separate JVM, kill -9) at random moments, at least 20 times,
 * while the folder it indexes keeps changing; then lets a run finish. The catalog and the index
 * must agree chunk for chunk, and searches must give what a clean build of the same folder gives.
 *
 * <p>Replay a failure with {@code -Dsextant.crash.seed=N} (the seed is in the failure message).
 */
class CrashConsistencyTest {

  private static final String MODEL = "all-minilm-l6-v2-q";
  private static final int KILLS = 20;
  private static final List<String> QUERIES = List.of("how to keep a sourdough starter alive",
      "finding latitude at sea", "printing press history", "soil and compost");

  @TempDir Path tmp;

  @Test
  void killedIngestsResumeToTheSameIndexAsACleanBuild() throws Exception {
    long seed = Long.getLong("sextant.crash.seed", 20261205L);
    Random rnd = new Random(seed);
    String context = "seed " + seed + " (replay with -Dsextant.crash.seed=" + seed + ")";
    Path corpus = tmp.resolve("corpus");
    Path parked = Files.createDirectories(tmp.resolve("parked"));
    copyTree(Path.of("..", "sample-corpora", "documents").toAbsolutePath().normalize(), corpus);
    Path ws = tmp.resolve("ws-crashed");

    int kills = 0;
    int finished = 0;
    List<String> log = new ArrayList<>();
    List<Integer> progress = new ArrayList<>(); // cataloged chunks after each run: kills land at different stages
    for (int attempt = 0; kills < KILLS && attempt < 3 * KILLS; attempt++) {
      log.add(mutate(corpus, parked, rnd));
      long delayMs = 300 + rnd.nextInt(6_000);
      Path runLog = tmp.resolve("run-" + attempt + ".log");
      Process p = CliProcess.startLogged(runLog, "index", corpus.toString(), "--workspace", ws.toString(), "--models", MODEL);
      if (p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
        finished++;
        assertEquals(0, p.exitValue(), "an uninterrupted run failed; " + context + "\n" + Files.readString(runLog));
      } else {
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        p.waitFor();
        kills++;
        log.add("killed after " + delayMs + " ms");
      }
      // whatever the kill left must still open: the catalog is SQLite (WAL), the index Lucene
      try (Catalog c = Catalog.open(Workspace.at(ws).catalogFile())) {
        progress.add(c.chunkCount());
      }
    }
    assertTrue(kills >= KILLS, "only " + kills + " kills landed mid-run; " + context);

    CliProcess.Output last = CliProcess.run("index", corpus.toString(), "--workspace", ws.toString(),
        "--models", MODEL);
    assertEquals(0, last.code(), last.err() + "; " + context);
    assertAgree(ws, context);

    Path clean = tmp.resolve("ws-clean");
    CliProcess.Output cleanRun = CliProcess.run("index", corpus.toString(), "--workspace", clean.toString(),
        "--models", MODEL);
    assertEquals(0, cleanRun.code(), cleanRun.err());
    assertEquals(chunkCounts(clean), chunkCounts(ws), "per-file chunks differ from a clean build; " + context);
    for (String q : QUERIES) {
      assertEquals(hits(clean, q, "semantic"), hits(ws, q, "semantic"), q + "; " + context + "; " + log);
      assertEquals(new TreeSet<>(hits(clean, q, "keyword")), new TreeSet<>(hits(ws, q, "keyword")),
          q + "; " + context);
    }
    System.out.printf("crash test: %d kills, %d runs finished before their kill, cataloged chunks after each: %s; %s%n",
        kills, finished, progress, context);
  }

  /** Chunks per file: the index and the catalog must say the same, and nothing twice. */
  static void assertAgree(Path ws, String context) throws IOException {
    Workspace w = Workspace.at(ws);
    try (Catalog c = Catalog.open(w.catalogFile());
        ChunkIndex index = ChunkIndex.open(w.indexDir(),
            ChunkIndex.storedSettings(w.indexDir()).orElse(IndexSettings.DEFAULT))) {
      Map<String, Integer> inIndex = index.chunksPerDoc();
      Map<String, Integer> inCatalog = c.chunkCountsByPath();
      inCatalog.values().removeIf(n -> n == 0);
      assertEquals(inCatalog, inIndex, "catalog and index disagree; " + context);
      assertEquals(c.chunkCount(), index.numChunks(), "duplicate or orphan chunks; " + context);
    }
  }

  static Map<String, Integer> chunkCounts(Path ws) throws IOException {
    try (Catalog c = Catalog.open(Workspace.at(ws).catalogFile())) {
      Map<String, Integer> m = new java.util.TreeMap<>();
      c.chunkCountsByPath().forEach((path, n) -> m.put(Path.of(path).getFileName().toString(), n));
      return m;
    }
  }

  /** File names and best chunk of each hit, in order; exact vector search, so no HNSW chance. */
  static List<String> hits(Path ws, String query, String mode) throws Exception {
    // In this JVM: a search needs no kill, and a JVM start per query would cost seconds.
    java.io.StringWriter text = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code;
    try (io.sextant.app.Wiring wiring = io.sextant.app.TestWiring.create()) {
      var cl = SextantCommand.commandLine(wiring);
      cl.setOut(new java.io.PrintWriter(text, true));
      cl.setErr(new java.io.PrintWriter(err, true));
      code = cl.execute("search", query, "--workspace", ws.toString(), "--mode", mode, "--exact", "--json", "-k", "20");
    }
    assertEquals(0, code, err.toString());
    List<String> out = new ArrayList<>();
    for (JsonNode h : Json.MAPPER.readTree(text.toString())) {
      out.add(Path.of(h.get("path").asText()).getFileName() + "#" + h.get("chunk_ordinal").asInt());
    }
    return out;
  }

  /** One seeded change to the folder: append to a text file, park a file, or bring one back. */
  static String mutate(Path corpus, Path parked, Random rnd) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(corpus)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<Path> away;
    try (Stream<Path> s = Files.list(parked)) {
      away = s.sorted().toList();
    }
    int op = rnd.nextInt(3);
    if (op == 0 || files.isEmpty()) {
      List<Path> texts = files.stream().filter(f -> f.toString().endsWith(".md") || f.toString().endsWith(".txt")).toList();
      Path f = texts.get(rnd.nextInt(texts.size()));
      Files.writeString(f, "\n\nAddendum " + rnd.nextInt(1000) + ": a note written between two crashes about "
          + List.of("tides", "bread", "gardens", "stars", "graphs").get(rnd.nextInt(5)) + ".\n",
          StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      return "appended to " + f.getFileName();
    }
    if (op == 1 && files.size() > 8) {
      Path f = files.get(rnd.nextInt(files.size()));
      Files.move(f, parked.resolve(f.getFileName()));
      return "parked " + f.getFileName();
    }
    if (!away.isEmpty()) {
      Path f = away.get(rnd.nextInt(away.size()));
      Files.move(f, corpus.resolve(f.getFileName()));
      return "restored " + f.getFileName();
    }
    return "no change";
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
