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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.lucene.util.IOUtils;

/**
 * {@code sextant bench build}: HNSW index build (M 16, beam 100, float32) of the same vectors by
 * Sextant's {@link io.sextant.services.index.ChunkIndex} on one thread against the bare Lucene
 * harness (target >= 1.0x), and by Sextant on two threads against one (target >= 1.8x). Every
 * build starts from an empty folder and ends with one committed segment; builds alternate
 * A B A B. Default data: latent32 ({@code -P n=}, default 100,000; {@code -P data=scifact} for the
 * MiniLM embeddings).
 *
 * <p>To explain the 2-thread figure, every Sextant build also reports its two phases apart (load:
 * adds and flush; merge: the final merge with the graph), and unless {@code -P diagnose=0} a third
 * rotation measures Lucene alone on the graph merge: 2 workers against 1 (Lucene's own concurrent
 * speed-up), and two independent 1-worker merges at once against one (what two threads gain on
 * this machine for the same work with nothing shared: the ceiling of any 2-thread build here).
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
    List<SextantAnnIndex.Build> multiBuilds = new ArrayList<>();
    List<SextantAnnIndex.Build> single2Builds = new ArrayList<>();
    try {
      // JIT warm-up on a tenth of the data, both code paths
      float[][] small = Arrays.copyOf(data.base(), Math.max(1, n / 10));
      SextantAnnIndex.build(tmp.resolve("warm-s"), small, settings, 1);
      BareLuceneKnn.build(tmp.resolve("warm-b"), small, VectorEncoding.FLOAT32, 16, 100);
      ctx.say("[%s] build: Sextant 1 thread vs bare Lucene, %d repetitions...", data.name(), ctx.repetitions());
      Interleaved.Samples single = Interleaved.run(0, ctx.repetitions(),
          () -> n / sextant(tmp, data, settings, 1, counter, segments, ctx, singleCpu, null, null),
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
          () -> n / sextant(tmp, data, settings, threads, counter, segments, ctx, multiCpu, multiWall, multiBuilds),
          () -> n / sextant(tmp, data, settings, 1, counter, segments, ctx, single2Cpu, null, single2Builds));
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
          .with("per_pair_ratio_median", single.pairedRatioMedian())
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
          .with("per_pair_ratio_median", multi.pairedRatioMedian())
          .with("sextant_cpu_seconds", toArray(multiCpu)).with("baseline_cpu_seconds", toArray(single2Cpu))
          .with("cores_used_by_multi_thread_builds", multiCores)
          .with("cores", Runtime.getRuntime().availableProcessors()).with("load_average", loadAverage())
          .with("sextant_load_seconds", phase(multiBuilds, SextantAnnIndex.Build::loadSeconds))
          .with("sextant_load_cpu_seconds", phase(multiBuilds, SextantAnnIndex.Build::loadCpuSeconds))
          .with("sextant_merge_seconds", phase(multiBuilds, SextantAnnIndex.Build::mergeSeconds))
          .with("sextant_merge_cpu_seconds", phase(multiBuilds, SextantAnnIndex.Build::mergeCpuSeconds))
          .with("baseline_load_seconds", phase(single2Builds, SextantAnnIndex.Build::loadSeconds))
          .with("baseline_load_cpu_seconds", phase(single2Builds, SextantAnnIndex.Build::loadCpuSeconds))
          .with("baseline_merge_seconds", phase(single2Builds, SextantAnnIndex.Build::mergeSeconds))
          .with("baseline_merge_cpu_seconds", phase(single2Builds, SextantAnnIndex.Build::mergeCpuSeconds)));
      if (!"0".equals(ctx.param("diagnose", "1"))) {
        rows.addAll(luceneAlone(tmp, data, threads, counter, ctx, dataDesc));
      }
      return rows;
    } finally {
      IOUtils.rm(tmp);
    }
  }

  /**
   * Lucene alone on the graph merge of the same vectors, three sides in rotation: {@code threads}
   * merge workers, one worker, and {@code threads} independent one-worker merges at once (each on
   * its own copy of the index, nothing shared).
   */
  private static List<BenchRow> luceneAlone(Path tmp, VectorData data, int threads, int[] counter, BenchContext ctx,
      String dataDesc) throws Exception {
    int n = data.base().length;
    List<Double> cpuMulti = new ArrayList<>();
    List<Double> cpuOne = new ArrayList<>();
    List<Double> cpuApart = new ArrayList<>();
    ctx.say("[%s] build: bare Lucene graph merge, %d workers vs 1 vs %d independent merges at once...", data.name(),
        threads, threads);
    double[][] rates = Interleaved.rotate(0, ctx.repetitions(), List.of(
        () -> n / bareMerge(tmp, data, threads, counter, ctx, cpuMulti),
        () -> n / bareMerge(tmp, data, 1, counter, ctx, cpuOne),
        () -> {
          List<Path> dirs = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            Path dir = tmp.resolve("i" + counter[0]++);
            BareLuceneKnn.writeGraphless(dir, data.base(), 16, 100);
            dirs.add(dir);
          }
          ExecutorService pool = Executors.newFixedThreadPool(threads);
          try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Double>> jobs = new ArrayList<>();
            for (Path dir : dirs) {
              jobs.add(pool.submit(() -> {
                start.await();
                return BareLuceneKnn.mergeGraph(dir, 16, 100, 1);
              }));
            }
            double cpu0 = processCpuSeconds();
            long t0 = System.nanoTime();
            start.countDown();
            for (Future<Double> j : jobs) {
              j.get();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = processCpuSeconds() - cpu0;
            cpuApart.add(cpu);
            ctx.say("  bare Lucene, %d independent 1-worker graph merges at once: %.1f s, %.1f s CPU (%.2f cores)",
                threads, wall, cpu, cpu / wall);
            return (double) threads * n / wall;
          } finally {
            pool.shutdownNow();
            for (Path dir : dirs) {
              IOUtils.rm(dir);
            }
          }
        }));
    List<BenchRow> rows = new ArrayList<>();
    rows.add(BenchRow.ratio("build_graph_merge_" + threads + "_workers_vs_1:bare_lucene:" + data.name(),
            "vectors/s", Stats.median(rates[0]), Stats.median(rates[1]), "bare Lucene merge, 1 worker",
            BenchRow.Goal.NONE, 0)
        .with("data", dataDesc)
        .with("what", "Lucene alone: forceMerge(1) of two graphless segments of vector-only documents")
        .with("sextant_samples", rates[0]).with("baseline_samples", rates[1])
        .with("sextant_cpu_seconds", toArray(cpuMulti)).with("baseline_cpu_seconds", toArray(cpuOne))
        .with("load_average", loadAverage()));
    rows.add(BenchRow.ratio("build_" + threads + "_independent_builds_at_once_vs_1:bare_lucene:" + data.name(),
            "vectors/s", Stats.median(rates[2]), Stats.median(rates[1]), "bare Lucene merge, 1 worker, alone",
            BenchRow.Goal.NONE, 0)
        .with("data", dataDesc)
        .with("what", "the machine's ceiling for " + threads + " threads on this work: the same 1-worker merge, "
            + threads + " copies at once, nothing shared; vectors/s over all copies")
        .with("sextant_samples", rates[2]).with("baseline_samples", rates[1])
        .with("sextant_cpu_seconds", toArray(cpuApart)).with("baseline_cpu_seconds", toArray(cpuOne))
        .with("load_average", loadAverage()));
    return rows;
  }

  private static double bareMerge(Path tmp, VectorData data, int workers, int[] counter, BenchContext ctx,
      List<Double> cpuOut) throws Exception {
    Path dir = tmp.resolve("m" + counter[0]++);
    try {
      BareLuceneKnn.writeGraphless(dir, data.base(), 16, 100);
      double cpu0 = processCpuSeconds();
      double s = BareLuceneKnn.mergeGraph(dir, 16, 100, workers);
      double cpu = processCpuSeconds() - cpu0;
      cpuOut.add(cpu);
      ctx.say("  bare Lucene graph merge, %d worker(s): %.1f s, %.1f s CPU (%.2f cores)", workers, s, cpu, cpu / s);
      return s;
    } finally {
      IOUtils.rm(dir);
    }
  }

  private static double[] phase(List<SextantAnnIndex.Build> builds,
      java.util.function.ToDoubleFunction<SextantAnnIndex.Build> f) {
    return builds.stream().mapToDouble(f).toArray();
  }

  private static double sextant(Path tmp, VectorData data, IndexSettings settings, int threads, int[] counter,
      int[] segments, BenchContext ctx, List<Double> cpuOut, List<Double> wallOut, List<SextantAnnIndex.Build> out)
      throws Exception {
    Path dir = tmp.resolve("s" + counter[0]++);
    double cpu0 = processCpuSeconds();
    SextantAnnIndex.Build b = SextantAnnIndex.build(dir, data.base(), settings, threads);
    double cpu = processCpuSeconds() - cpu0;
    cpuOut.add(cpu);
    if (out != null) {
      out.add(b);
    }
    if (wallOut != null) {
      wallOut.add(b.seconds());
    }
    IOUtils.rm(dir);
    segments[threads > 1 ? 1 : 0] = b.segmentsBeforeMerge();
    ctx.say("  Sextant, %d thread(s): %.1f s, %.1f s CPU (%.2f cores; %d segment(s) before the final merge;"
            + " load %.1f s / %.1f s CPU, final merge %.1f s / %.1f s CPU)", threads,
        b.seconds(), cpu, cpu / b.seconds(), b.segmentsBeforeMerge(), b.loadSeconds(), b.loadCpuSeconds(),
        b.mergeSeconds(), b.mergeCpuSeconds());
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
