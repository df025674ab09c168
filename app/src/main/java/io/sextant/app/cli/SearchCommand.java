package io.sextant.app.cli;

import io.sextant.app.Wiring;
import io.sextant.services.engine.Engine;
import io.sextant.services.export.ResultExporter;
import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchFilters;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sextant search QUERY}: keyword, semantic or hybrid search of a workspace. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Search a workspace. Results are grouped per file, best chunk first.")
final class SearchCommand implements Callable<Integer> {

  private final Wiring wiring;

  @Spec CommandSpec spec;
  @Mixin WorkspaceOption ws;
  @Mixin FusionOptions fusion;
  @Mixin DepthOptions depth;

  @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "What to look for. With a CLIP "
      + "model: a weighted sum of texts and image files, e.g. '2:golden retriever + ./pool.jpg - grass'.")
  String query;

  @Option(names = "--image", paramLabel = "FILE", description = "Find images like this one (needs a CLIP model on the workspace).")
  Path image;

  @Option(names = "--images", description = "Also list images (CLIP) among the documents, merged by rank.")
  boolean withImages;

  @Option(names = "--taken-after", description = "Images taken on or after this date (EXIF, YYYY-MM-DD).")
  LocalDate takenAfter;

  @Option(names = "--taken-before", description = "Images taken on or before this date (EXIF, YYYY-MM-DD).")
  LocalDate takenBefore;

  @Option(names = "--camera", description = "Images whose EXIF camera make or model contains this text.")
  String camera;

  @Option(names = "--model", description = "Embedding model (default: the workspace's first).")
  String model;

  @Option(names = "--mode", description = "keyword, semantic or hybrid (default: ${DEFAULT-VALUE}).",
      defaultValue = "hybrid")
  String mode;

  @Option(names = {"-k", "--k"}, description = "Number of files to return (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int k;

  @Option(names = "--json", description = "Print hits as JSON.")
  boolean json;

  @Option(names = "--export", paramLabel = "FILE",
      description = "Also write the hits with all their scores to FILE (.csv or .json).")
  Path export;

  @Option(names = "--exact", description = "Exact (brute-force) vector search instead of HNSW.")
  boolean exact;

  @Option(names = "--type", split = ",", description = "Only these file types (extensions), e.g. pdf,md.")
  Set<String> types;

  @Option(names = "--folder", description = "Only files under this folder.")
  Path folder;

  @Option(names = "--after", description = "Only files modified on or after this date (YYYY-MM-DD).")
  LocalDate after;

  @Option(names = "--before", description = "Only files modified before this date (YYYY-MM-DD).")
  LocalDate before;

  @Option(names = "--min-size", description = "Only files of at least this many bytes.")
  Long minSize;

  @Option(names = "--max-size", description = "Only files of at most this many bytes.")
  Long maxSize;

  SearchCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SearchMode m = parseMode(mode);
    try (Engine engine = wiring.openEngine(ws.workspace, c -> c)) {
      boolean clipQuery = image != null || (model != null && engine.clipModel().map(model::equals).orElse(false))
          || (model != null && engine.photos().models().contains(model));
      if (clipQuery) {
        return searchImages(engine, out);
      }
      if (query == null) {
        throw new IllegalArgumentException("give a QUERY (or --image FILE)");
      }
      if (engine.catalog().chunkCount() == 0) {
        throw new IllegalStateException("workspace " + engine.workspace()
            + " has nothing indexed yet; run: sextant index FOLDER");
      }
      String modelId = model != null ? model : engine.config().models().get(0);
      ZoneId zone = ZoneId.systemDefault();
      var filters = new SearchFilters(types == null ? Set.of() : types,
          folder == null ? null : folder.toAbsolutePath().normalize().toString(),
          after == null ? null : after.atStartOfDay(zone).toInstant().toEpochMilli(),
          before == null ? null : before.atStartOfDay(zone).toInstant().toEpochMilli() - 1,
          minSize, maxSize);
      SearchRequest req = SearchRequest.builder(query, m).modelId(m == SearchMode.KEYWORD ? null : modelId)
          .k(k).exact(exact).fusion(fusion.toFusion()).filters(filters)
          .rerank(depth.toRerank()).dims(depth.dims).build();
      SearchResponse resp = withImages ? engine.photos().searchMixed(req, k) : engine.search(req);
      if (export != null) {
        ResultExporter.write(query, resp, export);
      }
      if (json) {
        Json.print(toJson(resp), out);
      } else {
        printHuman(resp, out);
      }
      return 0;
    }
  }

  private Integer searchImages(Engine engine, PrintWriter out) throws Exception {
    if (engine.clipModel().isEmpty()) {
      throw new IllegalStateException("no CLIP model indexes images in " + engine.workspace()
          + "; run: sextant index --clip ID FOLDER (models: sextant models)");
    }
    if (model != null && !model.equals(engine.clipModel().get())) {
      throw new IllegalArgumentException("images in " + engine.workspace() + " are indexed with "
          + engine.clipModel().get() + ", not " + model);
    }
    var filters = new SearchFilters(types == null ? Set.of() : types,
        folder == null ? null : folder.toAbsolutePath().normalize().toString(), null, null, minSize, maxSize);
    var exif = new io.sextant.services.photos.ImageFilters(takenAfter, takenBefore, camera);
    SearchResponse resp;
    if (image != null) {
      resp = engine.photos().searchSimilar(image, k, filters, exif);
    } else {
      if (query == null) {
        throw new IllegalArgumentException("give a QUERY or --image FILE");
      }
      resp = engine.photos().search(query, Path.of("").toAbsolutePath(), k, filters, exif);
    }
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int rank = 1;
      for (DocHit d : resp.hits()) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("rank", rank++);
        h.put("kind", "image");
        h.put("path", d.path());
        h.put("score", d.score());
        engine.photos().image(d.path()).ifPresent(r -> {
          h.put("width", r.width());
          h.put("height", r.height());
          h.put("taken", r.taken());
          h.put("camera", r.cameraModel() != null ? r.cameraModel() : r.cameraMake());
        });
        engine.photos().thumbnail(d.path()).ifPresent(t -> h.put("thumbnail", t.toString()));
        rows.add(h);
      }
      Json.print(rows, out);
    } else {
      printHuman(resp, out);
    }
    return 0;
  }

  static SearchMode parseMode(String mode) {
    try {
      return SearchMode.valueOf(mode.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--mode must be keyword, semantic or hybrid, got " + mode);
    }
  }

  static List<Map<String, Object>> toJson(SearchResponse resp) {
    List<Map<String, Object>> hits = new ArrayList<>();
    int rank = 1;
    for (DocHit d : resp.hits()) {
      ChunkHit best = d.chunks().get(0);
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("rank", rank++);
      h.put("kind", d.kind().name().toLowerCase());
      h.put("path", d.path());
      h.put("title", d.title());
      h.put("score", d.score());
      h.put("chunk", best.text());
      h.put("page", best.page());
      h.put("chunk_ordinal", best.ordinal());
      h.put("chunk_start", best.start());
      h.put("chunk_end", best.end());
      h.put("snippet", best.snippet());
      h.put("highlights", best.highlights());
      h.put("bm25_score", best.bm25Score());
      h.put("bm25_rank", best.bm25Rank());
      h.put("vector_score", best.vectorScore());
      h.put("vector_rank", best.vectorRank());
      h.put("fused_score", best.reranked() ? best.firstStageScore() : best.score());
      if (d.firstStageRank() > 0) {
        h.put("rerank_score", best.rerankScore());
        h.put("first_stage_rank", d.firstStageRank());
      }
      h.put("matching_chunks", d.chunks().size());
      hits.add(h);
    }
    return hits;
  }

  private static void printHuman(SearchResponse resp, PrintWriter out) {
    if (resp.hits().isEmpty()) {
      out.println("no results");
    }
    int rank = 1;
    for (DocHit d : resp.hits()) {
      ChunkHit best = d.chunks().get(0);
      out.printf("%2d. %.4f  %s%s%s%n", rank++, d.score(), d.kind() == DocHit.Kind.IMAGE ? "[image] " : "", d.path(),
          best.page() > 0 ? "  (page " + best.page() + ")" : "");
      StringBuilder comp = new StringBuilder("      ");
      if (best.bm25Rank() != null) {
        comp.append(String.format("bm25 %.3f (#%d)  ", best.bm25Score(), best.bm25Rank()));
      }
      if (best.vectorRank() != null) {
        comp.append(String.format("vector %.4f (#%d)  ", best.vectorScore(), best.vectorRank()));
      }
      if (d.firstStageRank() > 0) {
        comp.append(best.reranked()
            ? String.format("first stage %.4f (#%d -> #%d)", best.firstStageScore(), d.firstStageRank(), rank - 1)
            : String.format("below rerank depth (#%d)", d.firstStageRank()));
      }
      out.println(comp.toString().stripTrailing());
      out.println("      " + best.snippet().replaceAll("\\s+", " ").strip());
    }
    out.printf("(%s, %.1f ms%s)%n", resp.mode().name().toLowerCase(),
        (resp.embedMicros() + resp.searchMicros()) / 1000.0,
        resp.rerankMicros() > 0 ? String.format(", re-ranking %.1f ms", resp.rerankMicros() / 1000.0) : "");
    out.flush();
  }
}
