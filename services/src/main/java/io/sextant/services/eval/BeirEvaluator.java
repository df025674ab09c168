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
import io.sextant.services.index.VectorMath;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.Rerank;
import io.sextant.services.search.RerankerSource;
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
  private final RerankerSource crossEncoders;

  /**
   * @param cache catalog whose embedding cache holds corpus vectors between runs
   * @param embedders loaded models
   * @param scratch folder for temporary indexes (created if missing)
   */
  public BeirEvaluator(Catalog cache, EmbedderSource embedders, Path scratch) {
    this(cache, embedders, scratch, RerankerSource.none());
  }

  /**
   * @param crossEncoders second-stage models that are not embedding models; a rerank model this
   *     source does not know is taken as an embedding model (bi-encoder), whose corpus vectors are
   *     embedded (through the cache) and indexed next to the first-stage model's
   */
  public BeirEvaluator(Catalog cache, EmbedderSource embedders, Path scratch,
      RerankerSource crossEncoders) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.embedders = Objects.requireNonNull(embedders, "embedders");
    this.scratch = Objects.requireNonNull(scratch, "scratch");
    this.crossEncoders = Objects.requireNonNull(crossEncoders, "crossEncoders");
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

    // 2. vectors, through the cache (the first-stage model's, and a bi-encoder reranker's)
    Rerank rerank = opts.rerank();
    String biEncoder = null;
    if (rerank != null && !isCrossEncoder(rerank.modelId())) {
      biEncoder = rerank.modelId();
      if (biEncoder.equals(opts.modelId())) {
        throw new IllegalArgumentException("re-ranking " + biEncoder + " by itself changes nothing");
      }
    }
    List<String> models = new ArrayList<>();
    if (opts.mode() != SearchMode.KEYWORD) {
      models.add(opts.modelId());
    }
    if (biEncoder != null) {
      models.add(biEncoder);
    }
    Map<String, Map<String, float[]>> vectors = new LinkedHashMap<>();
    long embedded = 0;
    double embedSeconds = 0;
    if (!models.isEmpty()) {
      Map<String, String> texts = new LinkedHashMap<>();
      for (Unit u : units) {
        u.hash = Hashing.sha256Hex(u.text);
        texts.putIfAbsent(u.hash, u.text);
      }
      for (String m : models) {
        var cached = new CachedEmbedder(cache, embedders);
        long t0 = System.nanoTime();
        Map<String, float[]> v = cached.vectors(m, texts, IngestListener.NONE);
        if (m.equals(opts.modelId()) && opts.dims() > 0 && opts.mode() != SearchMode.KEYWORD) {
          // Matryoshka-style: the index holds only the first d dimensions, re-normalised.
          Map<String, float[]> cut = new LinkedHashMap<>();
          v.forEach((h, vec) -> cut.put(h, VectorMath.truncate(vec, opts.dims())));
          v = cut;
        }
        vectors.put(m, v);
        embedded += cached.embedded();
        embedSeconds += cached.embedded() == 0 ? 0 : (System.nanoTime() - t0) / 1e9;
      }
    }

    // 3. a fresh index of the units
    Files.createDirectories(scratch);
    Path dir = Files.createTempDirectory(scratch, "eval-" + ds.name() + "-");
    try (ChunkIndex index = ChunkIndex.open(dir, opts.index())) {
      long t0 = System.nanoTime();
      List<IndexedChunk> batch = new ArrayList<>();
      for (Unit u : units) {
        Map<String, float[]> v = new LinkedHashMap<>();
        if (u.hash != null) {
          vectors.forEach((m, byHash) -> v.put(m, byHash.get(u.hash)));
        }
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

      // 4. every judged query through the product's search path: the first stage, then (with a
      // second stage) the same request re-ranked, so the gain and the latency added are measured
      // on the same index and queries.
      var search = new SearchService(index, (m, q) -> embedders.embedder(m).embedQuery(q),
          crossEncoders);
      Pass first = runQueries(search, ds, opts, null);
      if (rerank == null) {
        return new EvalResult(ds.name(), opts, ds.corpus().size(), units.size(),
            MetricSummary.of(first.run, ds.qrels()), embedSeconds, embedded, indexSeconds,
            first.p50, first.p95, first.run);
      }
      Pass second = runQueries(search, ds, opts, rerank);
      return new EvalResult(ds.name(), opts, ds.corpus().size(), units.size(),
          MetricSummary.of(second.run, ds.qrels()), embedSeconds, embedded, indexSeconds,
          second.p50, second.p95, second.run, MetricSummary.of(first.run, ds.qrels()),
          first.p50, first.p95);
    } finally {
      deleteTree(dir);
    }
  }

  private boolean isCrossEncoder(String id) {
    try {
      crossEncoders.reranker(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private record Pass(Run run, double p50, double p95) {}

  private static Pass runQueries(SearchService search, BeirDataset ds, EvalOptions opts, Rerank rerank)
      throws IOException {
    Map<String, List<ScoredDoc>> ranked = new LinkedHashMap<>();
    double[] latencies = new double[ds.queries().size()];
    int qi = 0;
    for (var q : ds.queries().entrySet()) {
      SearchRequest req = SearchRequest.builder(q.getValue(), opts.mode())
          .modelId(opts.modelId()).k(opts.depth()).exact(opts.exact()).fusion(opts.fusion())
          .oversample(opts.oversample()).dims(opts.dims()).rerank(rerank).build();
      long qt = System.nanoTime();
      SearchResponse resp = search.search(req);
      latencies[qi++] = (System.nanoTime() - qt) / 1e6;
      List<ScoredDoc> docs = new ArrayList<>(resp.hits().size());
      int n = resp.hits().size();
      for (int i = 0; i < n; i++) {
        DocHit h = resp.hits().get(i);
        // A re-ranked list has two score scales (second stage on top, first stage below the
        // depth); runs are ordered by score, so score it by rank to keep the list's order.
        docs.add(new ScoredDoc(h.docKey(), rerank == null ? h.score() : n - i));
      }
      ranked.put(q.getKey(), docs);
    }
    Arrays.sort(latencies);
    return new Pass(new Run(ranked), percentile(latencies, 0.50), percentile(latencies, 0.95));
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
