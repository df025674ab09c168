package io.sextant.services.eval;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.catalog.Hashing;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.indexing.CachedEmbedder;
import io.sextant.services.indexing.EmbedderSource;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.ingest.Chunk;
import io.sextant.services.ingest.Chunker;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.search.SearchService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a judged evaluation of one setup on a BEIR dataset: embeds the corpus (through the
 * embedding cache, so re-running with another mode or index setting costs no inference), builds a
 * fresh Lucene index in a scratch folder, runs every judged query through the same
 * {@link SearchService} the product uses, and scores the run.
 */
public final class BeirEvaluator {

  private final Catalog cache;
  private final EmbedderSource embedders;
  private final Path scratch;

  /**
   * @param cache catalog whose embedding cache holds corpus vectors between runs
   * @param embedders loaded models
   * @param scratch folder for temporary indexes (created if missing)
   */
  public BeirEvaluator(Catalog cache, EmbedderSource embedders, Path scratch) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.embedders = Objects.requireNonNull(embedders, "embedders");
    this.scratch = Objects.requireNonNull(scratch, "scratch");
  }

  public EvalResult evaluate(BeirDataset ds, EvalOptions opts) throws IOException {
    // 1. the units to index: whole documents (MTEB) or our chunks
    List<Unit> units = new ArrayList<>();
    if (opts.protocol() == Protocol.MTEB) {
      for (BeirDataset.Doc d : ds.corpus()) {
        units.add(new Unit(d.id(), d.title(), d.mtebText(), 0));
      }
    } else {
      String counterModel = opts.modelId() != null ? opts.modelId() : "all-minilm-l6-v2-q";
      Chunker chunker = new Chunker(embedders.embedder(counterModel), opts.chunker());
      for (BeirDataset.Doc d : ds.corpus()) {
        for (Chunk c : chunker.chunk(d.mtebText())) {
          units.add(new Unit(d.id(), d.title(), c.text(), c.ordinal()));
        }
      }
    }

    // 2. vectors, through the cache
    Map<String, float[]> vectors = Map.of();
    long embedded = 0;
    double embedSeconds = 0;
    if (opts.mode() != SearchMode.KEYWORD) {
      Map<String, String> texts = new LinkedHashMap<>();
      for (Unit u : units) {
        u.hash = Hashing.sha256Hex(u.text);
        texts.putIfAbsent(u.hash, u.text);
      }
      var cached = new CachedEmbedder(cache, embedders);
      long t0 = System.nanoTime();
      vectors = cached.vectors(opts.modelId(), texts, IngestListener.NONE);
      embedded = cached.embedded();
      embedSeconds = embedded == 0 ? 0 : (System.nanoTime() - t0) / 1e9;
    }

    // 3. a fresh index of the units
    Files.createDirectories(scratch);
    Path dir = Files.createTempDirectory(scratch, "eval-" + ds.name() + "-");
    try (ChunkIndex index = ChunkIndex.open(dir, opts.index())) {
      long t0 = System.nanoTime();
      List<IndexedChunk> batch = new ArrayList<>();
      for (Unit u : units) {
        Map<String, float[]> v = u.hash == null ? Map.of() : Map.of(opts.modelId(), vectors.get(u.hash));
        batch.add(new IndexedChunk(u.docId + "#" + u.ordinal, u.docId, -1, u.docId, u.title, "", "",
            u.text, u.ordinal, 0, u.text.length(), 0, 0L, (long) u.text.length(), v));
        if (batch.size() == 1000) {
          index.addAll(batch);
          batch.clear();
        }
      }
      index.addAll(batch);
      index.commit();
      index.forceMerge(1);
      double indexSeconds = (System.nanoTime() - t0) / 1e9;

      // 4. every judged query through the product's search path
      var search = new SearchService(index, (m, q) -> embedders.embedder(m).embedQuery(q));
      Map<String, List<ScoredDoc>> ranked = new LinkedHashMap<>();
      double[] latencies = new double[ds.queries().size()];
      int qi = 0;
      for (var q : ds.queries().entrySet()) {
        SearchRequest req = SearchRequest.builder(q.getValue(), opts.mode())
            .modelId(opts.modelId()).k(opts.depth()).exact(opts.exact()).fusion(opts.fusion())
            .oversample(opts.oversample()).build();
        long qt = System.nanoTime();
        SearchResponse resp = search.search(req);
        latencies[qi++] = (System.nanoTime() - qt) / 1e6;
        List<ScoredDoc> docs = new ArrayList<>(resp.hits().size());
        for (DocHit h : resp.hits()) {
          docs.add(new ScoredDoc(h.docKey(), h.score()));
        }
        ranked.put(q.getKey(), docs);
      }
      Run run = new Run(ranked);
      Arrays.sort(latencies);
      return new EvalResult(ds.name(), opts, ds.corpus().size(), units.size(),
          MetricSummary.of(run, ds.qrels()), embedSeconds, embedded, indexSeconds,
          percentile(latencies, 0.50), percentile(latencies, 0.95), run);
    } finally {
      deleteTree(dir);
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static final class Unit {
    final String docId;
    final String title;
    final String text;
    final int ordinal;
    String hash;

    Unit(String docId, String title, String text, int ordinal) {
      this.docId = docId;
      this.title = title;
      this.text = text;
      this.ordinal = ordinal;
    }
  }
}
