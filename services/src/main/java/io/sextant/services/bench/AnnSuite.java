package io.sextant.services.bench;

import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.VectorEncoding;
import io.sextant.services.index.VectorizationCheck;
import io.sextant.services.model.TextEmbedder;
import io.sextant.services.search.SearchService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.lucene.util.IOUtils;

/**
 * {@code sextant bench ann}: single-thread HNSW search at recall@10 >= 0.95, Sextant's query path
 * ({@link SearchService} over our {@link io.sextant.services.index.ChunkIndex}) against the bare
 * Lucene harness (target >= 0.95x) and hnswlib-node built with {@code -march=native} (target
 * >= 1.2x), on latent32 and on real MiniLM embeddings of SciFact ({@code -P data=latent32,scifact}).
 *
 * <p>Each engine runs at the smallest candidate count (Lucene's k, hnswlib's ef) of the sweep that
 * reaches the recall target, found first by untimed passes; then timed passes alternate A B A B.
 * Also measured: the same bare Lucene search in a child JVM without the Panama vector module.
 */
public final class AnnSuite implements BenchSuite {

  static final double RECALL_TARGET = 0.95;
  /** Candidate counts tried, steps of at most ~12 % so each engine stops close to the target. */
  static final int[] SWEEP = {10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 27, 30, 33, 36, 40, 44, 48, 52, 56, 60, 64, 70,
      76, 84, 92, 100, 110, 120, 132, 144, 160, 176, 192, 212, 232, 256, 284, 320, 360, 400, 450, 500};

  private final Function<String, TextEmbedder> models;

  /** @param models opens an embedding model by id (for the scifact dataset's first run) */
  public AnnSuite(Function<String, TextEmbedder> models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  @Override
  public String name() {
    return "ann";
  }

  @Override
  public String description() {
    return "HNSW search at recall@10 >= 0.95 vs bare Lucene and hnswlib-node -march=native "
        + "(-P data=latent32,scifact -P n=100000)";
  }

  @Override
  public List<BenchRow> run(BenchContext ctx) throws Exception {
    List<BenchRow> rows = new ArrayList<>();
    VectorizationCheck.Result v = VectorizationCheck.run();
    ctx.say("Lucene vectorization in this JVM: %s (%s)", v.active() ? "Panama" : "SCALAR", v.detail());
    try (HnswlibPeer hnsw = HnswlibPeer.start(ctx, true)) {
      for (String which : ctx.param("data", "latent32,scifact").split(",")) {
        rows.addAll(runOn(Datasets.load(which.trim(), ctx, models), hnsw, ctx, v));
      }
    }
    return rows;
  }

  private List<BenchRow> runOn(VectorData data, HnswlibPeer hnsw, BenchContext ctx, VectorizationCheck.Result v)
      throws Exception {
    Path tmp = Files.createTempDirectory("sextant-bench-ann-");
    List<BenchRow> rows = new ArrayList<>();
    try {
      // -P encoding=int8|int4|binary: Sextant's index quantised, searched with float re-scoring of
      // candidates x -P oversample (default 2); the peers stay float32
      VectorEncoding encoding = VectorEncoding.valueOf(ctx.param("encoding", "float32").toUpperCase(java.util.Locale.ROOT));
      int oversample = encoding == VectorEncoding.FLOAT32 ? 1 : ctx.intParam("oversample", 2);
      // -P m= / -P beam=: the HNSW graph parameters of all three engines (default M 16, beam 100)
      int m = ctx.intParam("m", 16);
      int beam = ctx.intParam("beam", 100);
      IndexSettings settings = new IndexSettings(m, beam, encoding);
      ctx.say("[%s] building: bare Lucene, Sextant, hnswlib-node (M %d, beam/efConstruction %d, 1 thread each)...",
          data.name(), m, beam);
      double bareBuild = BareLuceneKnn.build(tmp.resolve("bare"), data.base(), VectorEncoding.FLOAT32, m, beam);
      // SciFact chunks carry their documents' titles and texts, so hits return real text
      // (-P texts=0: empty texts, as runs before 2026-12-06 04:40 UTC measured)
      List<io.sextant.services.eval.BeirDataset.Doc> docs = data.name().startsWith("scifact-")
          && !"0".equals(ctx.param("texts", "1"))
          ? io.sextant.services.eval.BeirDataset.load(ctx.requireShared("data/scifact", "the scifact dataset"), "test")
              .corpus()
          : null;
      SextantAnnIndex.Build ours = SextantAnnIndex.build(tmp.resolve("sextant"), data.base(), settings, 1, docs);
      hnsw.load(data);
      double hnswBuild = hnsw.build(m, beam);
      ctx.say("[%s] built in %.1f s (bare Lucene), %.1f s (Sextant, %d segment(s) before merge), %.1f s (hnswlib)",
          data.name(), bareBuild, ours.seconds(), ours.segmentsBeforeMerge(), hnswBuild);
      try (BareLuceneKnn bare = BareLuceneKnn.open(tmp.resolve("bare"), data.base());
          SextantAnnIndex sextant = SextantAnnIndex.open(tmp.resolve("sextant"), settings)) {
        int fs = calibrate(ctx, data, "Sextant", f -> KnnPass.recall(data, q -> sextant.rank(q, f, oversample)));
        int fl = calibrate(ctx, data, "bare Lucene", f -> KnnPass.recall(data, q -> bare.search(q, f)));
        int fh = calibrate(ctx, data, "hnswlib ef", f -> hnsw.search(f).recall());
        int reps = ctx.repetitions();
        KnnPass[] last = new KnnPass[4];
        KnnPass.Raw<List<List<SearchService.RankedChunk>>> ranked = sextant.rankEngine(fs, oversample);
        KnnPass.Raw<org.apache.lucene.search.ScoreDoc[]> bareAt = bare.engine(fl);
        // Warm every engine up by time, not by a pass: a SciFact pass lasts 15-60 ms, and one
        // warm-up pass left the with-hits path's larger call tree still being compiled (by C2
        // threads competing for the same 2 cores) through the timed passes; in 2-3 s runs of
        // each engine the same code ran at 1.5-2x the rate those passes measured.
        // each timed pass runs the query set often enough for -P pass_queries= queries (default
        // 3,000): a pass of 300 SciFact queries lasted 15 ms
        int repeat = Math.max(1, (ctx.intParam("pass_queries", 3000) + data.queries().length - 1)
            / data.queries().length);
        double warmSeconds = Double.parseDouble(ctx.param("warmup_s", "3"));
        warm(data, ranked, warmSeconds);
        warm(data, bareAt, warmSeconds);
        warm(data, sextant.hitsEngine(fs, oversample), warmSeconds);
        // CPU-time rates of the same passes, in run order (the first pair is the warm-up)
        List<Double> rankCpu = new ArrayList<>();
        List<Double> bareCpu = new ArrayList<>();
        List<Double> hitsCpu = new ArrayList<>();
        List<Double> bare2Cpu = new ArrayList<>();
        Interleaved.Samples vsLucene = Interleaved.run(1, reps,
            () -> cpu(last[0] = KnnPass.run(data, ranked, repeat), rankCpu).qps(),
            () -> cpu(last[1] = KnnPass.run(data, bareAt, repeat), bareCpu).qps());
        Interleaved.Samples withHits = Interleaved.run(1, reps,
            () -> cpu(last[3] = KnnPass.run(data, sextant.hitsEngine(fs, oversample), repeat), hitsCpu).qps(),
            () -> cpu(KnnPass.run(data, bareAt, repeat), bare2Cpu).qps());
        double[] rankCpuS = measured(rankCpu);
        double[] bareCpuS = measured(bareCpu);
        double[] hitsCpuS = measured(hitsCpu);
        double[] bare2CpuS = measured(bare2Cpu);
        ctx.say("[%s] by CPU time: rank %.0f q/s vs bare %.0f (%.3f), with hits %.0f vs %.0f (%.3f)", data.name(),
            Stats.median(rankCpuS), Stats.median(bareCpuS), Stats.median(rankCpuS) / Stats.median(bareCpuS),
            Stats.median(hitsCpuS), Stats.median(bare2CpuS), Stats.median(hitsCpuS) / Stats.median(bare2CpuS));
        Interleaved.Samples vsHnsw = Interleaved.run(1, reps,
            () -> KnnPass.run(data, ranked, repeat).qps(),
            () -> {
              HnswlibPeer.Pass p = hnsw.search(fh, repeat);
              last[2] = new KnnPass(p.qps(), p.recall());
              return p.qps();
            });
        // the same comparison for bare Lucene: how much of the gap to hnswlib is Lucene's own
        KnnPass[] bareVsHnsw = new KnnPass[1];
        Interleaved.Samples bareHnsw = Interleaved.run(1, reps,
            () -> (bareVsHnsw[0] = KnnPass.run(data, bareAt, repeat)).qps(),
            () -> hnsw.search(fh, repeat).qps());
        String dataDesc = data.name() + " (" + data.base().length + " x " + data.dims() + ", "
            + data.queries().length + " queries)";
        String tag = encoding == VectorEncoding.FLOAT32 ? "" : ":" + encoding.name().toLowerCase(java.util.Locale.ROOT)
            + "-x" + oversample;
        String bareName = "bare Lucene 10.6 KnnFloatVectorQuery, same data, one segment";
        rows.add(BenchRow.ratio("ann_qps_vs_lucene:" + data.name() + tag, "queries/s", vsLucene.candidateMedian(),
                vsLucene.baselineMedian(), bareName, BenchRow.Goal.RATIO_AT_LEAST, 0.95)
            .with("sextant_path", "SearchService.rank: semantic request, HNSW, fusion, ranking (no hit building)")
            .with("data", dataDesc).with("recall_target", RECALL_TARGET).with("queries_per_pass", repeat * data.queries().length)
            .with("sextant_candidates", fs).with("sextant_recall", last[0].recall())
            .with("baseline_k", fl).with("baseline_recall", last[1].recall())
            .with("sextant_samples", vsLucene.candidate()).with("baseline_samples", vsLucene.baseline())
            .with("per_pair_ratio_median", vsLucene.pairedRatioMedian())
            .with("sextant_cpu_qps_samples", rankCpuS).with("baseline_cpu_qps_samples", bareCpuS)
            .with("cpu_ratio", Stats.median(rankCpuS) / Stats.median(bareCpuS))
            .with("load_average", BuildSuite.loadAverage())
            .with("vectorization", v.active() ? "panama" : "scalar"));
        rows.add(BenchRow.ratio("ann_qps_with_hits_vs_lucene:" + data.name() + tag, "queries/s", withHits.candidateMedian(),
                withHits.baselineMedian(), bareName, BenchRow.Goal.RATIO_AT_LEAST, 0.95)
            .with("sextant_path", "SearchService.search: as above plus 10 hits (hit records, doc keys, snippets)")
            .with("chunk_texts", docs != null ? "SciFact title + text" : "empty")
            .with("data", dataDesc).with("sextant_candidates", fs).with("sextant_recall", last[3].recall())
            .with("baseline_k", fl)
            .with("sextant_samples", withHits.candidate()).with("baseline_samples", withHits.baseline())
            .with("per_pair_ratio_median", withHits.pairedRatioMedian())
            .with("sextant_cpu_qps_samples", hitsCpuS).with("baseline_cpu_qps_samples", bare2CpuS)
            .with("cpu_ratio", Stats.median(hitsCpuS) / Stats.median(bare2CpuS)));
        rows.add(BenchRow.ratio("ann_qps_vs_hnswlib:" + data.name() + tag, "queries/s", vsHnsw.candidateMedian(),
                vsHnsw.baselineMedian(), hnsw.name(), BenchRow.Goal.RATIO_AT_LEAST, 1.2)
            .with("sextant_path", "SearchService.rank").with("sextant_encoding", settings.fingerprint())
            .with("sextant_oversample", oversample)
            .with("data", dataDesc).with("recall_target", RECALL_TARGET)
            .with("sextant_candidates", fs).with("baseline_ef", fh).with("baseline_recall", last[2].recall())
            .with("sextant_samples", vsHnsw.candidate()).with("baseline_samples", vsHnsw.baseline())
            .with("per_pair_ratio_median", vsHnsw.pairedRatioMedian()));
        rows.add(BenchRow.ratio("ann_bare_lucene_vs_hnswlib:" + data.name() + tag, "queries/s",
                bareHnsw.candidateMedian(), bareHnsw.baselineMedian(), hnsw.name(), BenchRow.Goal.RATIO_AT_LEAST, 1.2)
            .with("note", "bare Lucene float32 in Sextant's place: the part of the gap that is Lucene's own")
            .with("data", dataDesc).with("lucene_k", fl).with("lucene_recall", bareVsHnsw[0].recall())
            .with("baseline_ef", fh).with("hnsw_m", m).with("beam", beam)
            .with("sextant_samples", bareHnsw.candidate()).with("baseline_samples", bareHnsw.baseline())
            .with("per_pair_ratio_median", bareHnsw.pairedRatioMedian()));
        if (v.active() && encoding == VectorEncoding.FLOAT32 && !"0".equals(ctx.param("scalar", "1"))) {
          rows.add(panama(ctx, data, tmp.resolve("bare"), bare, fl, dataDesc));
        }
      }
    } finally {
      IOUtils.rm(tmp);
    }
    return rows;
  }

  /** Runs passes of {@code engine} untimed until {@code seconds} have gone by. */
  private static <R> void warm(VectorData data, KnnPass.Raw<R> engine, double seconds) throws IOException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    do {
      KnnPass.run(data, engine);
    } while (System.nanoTime() < end);
  }

  private static KnnPass cpu(KnnPass pass, List<Double> into) {
    into.add(pass.cpuQps());
    return pass;
  }

  /** The measured passes' figures: all but the warm-up pair's. */
  private static double[] measured(List<Double> runOrder) {
    return runOrder.subList(1, runOrder.size()).stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The same bare search with Panama (this JVM) and without (a child JVM), interleaved. */
  private static BenchRow panama(BenchContext ctx, VectorData data, Path bareDir, BareLuceneKnn bare, int fanout,
      String dataDesc) throws Exception {
    try (ScalarLucenePeer scalar = ScalarLucenePeer.start(bareDir, data)) {
      ctx.say("[%s] child JVM without jdk.incubator.vector: VectorizationCheck says %s", data.name(),
          scalar.vectorization());
      Interleaved.Samples s = Interleaved.run(1, ctx.repetitions(),
          () -> KnnPass.run(data, bare.engine(fanout)).qps(),
          () -> scalar.search(fanout).qps());
      return BenchRow.ratio("ann_qps_panama_vs_scalar:" + data.name(), "queries/s", s.candidateMedian(),
              s.baselineMedian(), "the same bare Lucene search in a JVM without --add-modules jdk.incubator.vector",
              BenchRow.Goal.RATIO_AT_LEAST, 1.0)
          .with("data", dataDesc).with("k", fanout)
          .with("child_vectorization_check", scalar.vectorization())
          .with("sextant_samples", s.candidate()).with("baseline_samples", s.baseline())
          .with("per_pair_ratio_median", s.pairedRatioMedian());
    }
  }

  /** Recall of one untimed pass at a candidate count. */
  @FunctionalInterface
  interface RecallAt {
    double recall(int candidates) throws IOException;
  }

  /** The smallest sweep value reaching {@link #RECALL_TARGET} (the last one if none does). */
  static int calibrate(BenchContext ctx, VectorData data, String what, RecallAt at) throws IOException {
    double r = 0;
    for (int f : SWEEP) {
      if (f > data.base().length) {
        break;
      }
      r = at.recall(f);
      if (r >= RECALL_TARGET) {
        ctx.say("[%s] %s: %d candidates give recall@10 %.4f", data.name(), what, f, r);
        return f;
      }
    }
    int f = SWEEP[SWEEP.length - 1];
    ctx.say("[%s] %s: recall@10 %.4f at %d, below the target", data.name(), what, r, f);
    return f;
  }
}
