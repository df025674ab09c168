package io.sextant.services.bench;

import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.VectorEncoding;
import io.sextant.services.model.TextEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.lucene.util.IOUtils;

/**
 * {@code sextant bench build}: HNSW index build (M 16, beam 100, float32) of the same vectors by
 * Sextant's {@link io.sextant.services.index.ChunkIndex} on one thread against the bare Lucene
 * harness (target >= 1.0x), and by Sextant on two threads against one (target >= 1.8x). Every
 * build starts from an empty folder and ends with one committed segment; builds alternate
 * A B A B. Default data: latent32 ({@code -P n=}, default 100,000; {@code -P data=scifact} for the
 * MiniLM embeddings).
 */
public final class BuildSuite implements BenchSuite {

  private final Function<String, TextEmbedder> models;

  public BuildSuite(Function<String, TextEmbedder> models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  @Override
  public String name() {
    return "build";
  }

  @Override
  public String description() {
    return "HNSW build: Sextant 1 thread vs bare Lucene, Sextant 2 threads vs 1 (-P n=100000)";
  }

  @Override
  public List<BenchRow> run(BenchContext ctx) throws Exception {
    VectorData data = Datasets.load(ctx.param("data", "latent32"), ctx, models);
    IndexSettings settings = new IndexSettings(16, 100, VectorEncoding.FLOAT32);
    Path tmp = Files.createTempDirectory("sextant-bench-build-");
    int n = data.base().length;
    int[] counter = {0};
    int[] segments = new int[2];
    // process CPU seconds of every build, in run order: on a shared machine they show how much of
    // a core each build actually got (cpu / wall), which bounds any wall-time speed-up
    List<Double> singleCpu = new ArrayList<>();
    List<Double> bareCpu = new ArrayList<>();
    List<Double> multiCpu = new ArrayList<>();
    List<Double> multiWall = new ArrayList<>();
    List<Double> single2Cpu = new ArrayList<>();
    try {
      // JIT warm-up on a tenth of the data, both code paths
      float[][] small = Arrays.copyOf(data.base(), Math.max(1, n / 10));
      SextantAnnIndex.build(tmp.resolve("warm-s"), small, settings, 1);
      BareLuceneKnn.build(tmp.resolve("warm-b"), small, VectorEncoding.FLOAT32, 16, 100);
      ctx.say("[%s] build: Sextant 1 thread vs bare Lucene, %d repetitions...", data.name(), ctx.repetitions());
      Interleaved.Samples single = Interleaved.run(0, ctx.repetitions(),
          () -> n / sextant(tmp, data, settings, 1, counter, segments, ctx, singleCpu, null),
          () -> {
            Path dir = tmp.resolve("b" + counter[0]++);
            double cpu0 = processCpuSeconds();
            double s = BareLuceneKnn.build(dir, data.base(), VectorEncoding.FLOAT32, 16, 100);
            double cpu = processCpuSeconds() - cpu0;
            bareCpu.add(cpu);
            IOUtils.rm(dir);
            ctx.say("  bare Lucene: %.1f s (%.1f s CPU)", s, cpu);
            return n / s;
          });
      int threads = Math.max(2, ctx.threads());
      ctx.say("[%s] build: Sextant %d threads vs 1 thread...", data.name(), threads);
      Interleaved.Samples multi = Interleaved.run(0, ctx.repetitions(),
          () -> n / sextant(tmp, data, settings, threads, counter, segments, ctx, multiCpu, multiWall),
          () -> n / sextant(tmp, data, settings, 1, counter, segments, ctx, single2Cpu, null));
      double[] singleCpuS = toArray(singleCpu);
      double[] bareCpuS = toArray(bareCpu);
      double[] multiCores = new double[multiCpu.size()];
      for (int i = 0; i < multiCores.length; i++) {
        multiCores[i] = multiCpu.get(i) / multiWall.get(i);
      }
      String dataDesc = data.name() + " (" + n + " x " + data.dims() + ")";
      List<BenchRow> rows = new ArrayList<>();
      rows.add(BenchRow.ratio("build_vectors_per_second_1_thread:" + data.name(), "vectors/s",
              single.candidateMedian(), single.baselineMedian(),
              "bare Lucene 10.6: one flush, no merges, vector field only", BenchRow.Goal.RATIO_AT_LEAST, 1.0)
          .with("data", dataDesc).with("hnsw", "M 16, beam 100, float32")
          .with("sextant_samples", single.candidate()).with("baseline_samples", single.baseline())
          .with("sextant_cpu_seconds", singleCpuS).with("baseline_cpu_seconds", bareCpuS)
          .with("cpu_ratio", Stats.median(bareCpuS) / Stats.median(singleCpuS))
          .with("sextant_build", "bulk load: vectors without graphs, then one merge building the graph")
          .with("load_average", loadAverage()));
      rows.add(BenchRow.ratio("build_vectors_per_second_" + threads + "_threads_vs_1:" + data.name(), "vectors/s",
              multi.candidateMedian(), multi.baselineMedian(), "Sextant on 1 thread", BenchRow.Goal.RATIO_AT_LEAST,
              1.8)
          .with("data", dataDesc).with("threads", threads)
          .with("segments_before_merge", segments[1])
          .with("sextant_samples", multi.candidate()).with("baseline_samples", multi.baseline())
          .with("sextant_cpu_seconds", toArray(multiCpu)).with("baseline_cpu_seconds", toArray(single2Cpu))
          .with("cores_used_by_multi_thread_builds", multiCores)
          .with("cores", Runtime.getRuntime().availableProcessors()).with("load_average", loadAverage()));
      return rows;
    } finally {
      IOUtils.rm(tmp);
    }
  }

  private static double sextant(Path tmp, VectorData data, IndexSettings settings, int threads, int[] counter,
      int[] segments, BenchContext ctx, List<Double> cpuOut, List<Double> wallOut) throws Exception {
    Path dir = tmp.resolve("s" + counter[0]++);
    double cpu0 = processCpuSeconds();
    SextantAnnIndex.Build b = SextantAnnIndex.build(dir, data.base(), settings, threads);
    double cpu = processCpuSeconds() - cpu0;
    cpuOut.add(cpu);
    if (wallOut != null) {
      wallOut.add(b.seconds());
    }
    IOUtils.rm(dir);
    segments[threads > 1 ? 1 : 0] = b.segmentsBeforeMerge();
    ctx.say("  Sextant, %d thread(s): %.1f s, %.1f s CPU (%.2f cores; %d segment(s) before the final merge)", threads,
        b.seconds(), cpu, cpu / b.seconds(), b.segmentsBeforeMerge());
    return b.seconds();
  }

  /** CPU time of this process so far (all threads, GC included), in seconds. */
  static double processCpuSeconds() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
