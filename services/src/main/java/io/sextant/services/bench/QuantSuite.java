package io.sextant.services.bench;

import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.VectorEncoding;
import io.sextant.services.model.TextEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.lucene.util.IOUtils;

/**
 * {@code sextant bench quant}: recall@10 of the int8, int4 and 1-bit encodings with float
 * re-scoring against the float32 index's recall at the same candidate count (target >= 0.99x)
 * at an oversample of at most 2 (int8, int4) or 10 (1-bit), and the memory a search keeps hot
 * per vector (quantised vectors + HNSW graph, as Lucene reports its off-heap sizes) against
 * float32. Every index is a real Sextant {@link io.sextant.services.index.ChunkIndex}, searched
 * through {@link io.sextant.services.search.SearchService}. Queries per second of each encoding
 * at its operating point are interleaved with float32's.
 */
public final class QuantSuite implements BenchSuite {

  private final Function<String, TextEmbedder> models;

  public QuantSuite(Function<String, TextEmbedder> models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  @Override
  public String name() {
    return "quant";
  }

  @Override
  public String description() {
    return "int8 / int4 / 1-bit with float re-scoring: recall vs float32 and bytes per vector (-P data=latent32,scifact)";
  }

  @Override
  public List<BenchRow> run(BenchContext ctx) throws Exception {
    List<BenchRow> rows = new ArrayList<>();
    for (String which : ctx.param("data", "latent32,scifact").split(",")) {
      rows.addAll(runOn(Datasets.load(which.trim(), ctx, models), ctx));
    }
    return rows;
  }

  private List<BenchRow> runOn(VectorData data, BenchContext ctx) throws Exception {
    Path tmp = Files.createTempDirectory("sextant-bench-quant-");
    List<BenchRow> rows = new ArrayList<>();
    try {
      IndexSettings fs = new IndexSettings(16, 100, VectorEncoding.FLOAT32);
      ctx.say("[%s] building the float32 index...", data.name());
      SextantAnnIndex.build(tmp.resolve("float32"), data.base(), fs, ctx.threads());
      try (SextantAnnIndex flt = SextantAnnIndex.open(tmp.resolve("float32"), fs)) {
        int c = AnnSuite.calibrate(ctx, data, "float32", f -> KnnPass.recall(data, q -> flt.rank(q, f, 1)));
        double floatRecall = KnnPass.recall(data, q -> flt.rank(q, c, 1));
        Map<String, Long> floatBytes = flt.offHeapBytes();
        long floatHot = floatBytes.getOrDefault("vec", 0L) + floatBytes.getOrDefault("vex", 0L);
        int n = data.base().length;
        for (VectorEncoding enc : List.of(VectorEncoding.INT8, VectorEncoding.INT4, VectorEncoding.BINARY)) {
          IndexSettings qs = new IndexSettings(16, 100, enc);
          String name = enc.name().toLowerCase(java.util.Locale.ROOT);
          ctx.say("[%s] building the %s index...", data.name(), name);
          SextantAnnIndex.build(tmp.resolve(name), data.base(), qs, ctx.threads());
          try (SextantAnnIndex qi = SextantAnnIndex.open(tmp.resolve(name), qs)) {
            int maxOversample = enc == VectorEncoding.BINARY ? 10 : 2;
            int chosen = maxOversample;
            double recall = 0;
            StringBuilder curve = new StringBuilder();
            for (int o = 1; o <= maxOversample; o++) {
              int os = o;
              recall = KnnPass.recall(data, q -> qi.rank(q, c, os));
              curve.append(curve.isEmpty() ? "" : ", ").append(o).append("x: ")
                  .append(String.format(java.util.Locale.ROOT, "%.4f", recall));
              chosen = o;
              if (recall >= 0.99 * floatRecall) {
                break;
              }
            }
            ctx.say("[%s] %s: recall@10 by oversample %s (float32 %.4f at %d candidates)", data.name(), name, curve,
                floatRecall, c);
            int os = chosen;
            Interleaved.Samples speed = Interleaved.run(1, ctx.repetitions(),
                () -> KnnPass.run(data, q -> qi.rank(q, c, os)).qps(),
                () -> KnnPass.run(data, q -> flt.rank(q, c, 1)).qps());
            Map<String, Long> bytes = qi.offHeapBytes();
            long hot = bytes.getOrDefault("veq", 0L) + bytes.getOrDefault("vex", 0L);
            rows.add(BenchRow.ratio("quant_recall_vs_float:" + name + ":" + data.name(), "recall@10", recall,
                    floatRecall, "Sextant float32 index at the same " + c + " candidates",
                    BenchRow.Goal.RATIO_AT_LEAST, 0.99)
                .with("oversample", chosen).with("max_oversample", maxOversample).with("candidates", c)
                .with("recall_by_oversample", curve.toString())
                .with("qps", speed.candidateMedian()).with("float32_qps", speed.baselineMedian())
                .with("qps_ratio", speed.candidateMedian() / speed.baselineMedian())
                .with("qps_per_pair_ratio_median", speed.pairedRatioMedian()));
            rows.add(BenchRow.ratio("quant_hot_bytes_per_vector:" + name + ":" + data.name(), "bytes/vector",
                    hot / (double) n, floatHot / (double) n, "float32 vectors + graph", BenchRow.Goal.RATIO_AT_MOST,
                    1.0)
                .with("off_heap_bytes", bytes).with("float32_off_heap_bytes", floatBytes)
                .with("note", "hot = quantised vectors + HNSW graph, what graph search reads; the float32 copy "
                    + "stays on disk and is read only for the re-scored candidates"));
          } finally {
            IOUtils.rm(tmp.resolve(name));
          }
        }
      }
    } finally {
      IOUtils.rm(tmp);
    }
    return rows;
  }
}
