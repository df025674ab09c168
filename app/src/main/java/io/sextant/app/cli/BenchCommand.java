package io.sextant.app.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sextant.app.Wiring;
import io.sextant.services.eval.BeirDataset;
import io.sextant.services.ingest.Chunk;
import io.sextant.services.ingest.Chunker;
import io.sextant.services.ingest.ChunkerSettings;
import io.sextant.services.bench.BenchContext;
import io.sextant.services.bench.BenchJson;
import io.sextant.services.bench.BenchRow;
import io.sextant.services.bench.BenchSuite;
import io.sextant.services.bench.BenchTable;
import io.sextant.services.bench.ColdStartSuite;
import io.sextant.services.bench.EmbedSuite;
import io.sextant.services.bench.MissingPeerException;
import io.sextant.services.bench.QuerySuite;
import io.sextant.services.model.TextEmbedder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sextant bench SUITE [--json FILE]}: benchmarks measured side by side with a baseline or a
 * peer in the same run (interleaved A B A B, medians, ratios). The suites live in
 * {@code services/bench}, one class each; this command parses options, picks the suite, prints
 * its table and writes its rows as JSON. {@code plot} and {@code umap} are older single-candidate
 * measurements kept here.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks measured side by side with a baseline in the same run. "
        + "Suites: embed, query, coldstart, ann, build, quant, plot, umap (see docs/BENCHMARKS.md).")
final class BenchCommand implements Callable<Integer> {

  private final Wiring wiring;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SUITE", description = "The suite to run (see docs/BENCHMARKS.md).")
  String suite;

  @Option(names = "--models", split = ",", defaultValue = "all-minilm-l6-v2,all-minilm-l6-v2-q",
      description = "embed: models to measure (default: ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(names = "--beir", paramLabel = "DIR", description = "embed: chunk the first --limit documents of this BEIR corpus instead of the reference sentences.")
  Path beir;

  @Option(names = "--sentences", paramLabel = "FILE", description = "embed: a JSON array of texts to embed instead of the reference sentences.")
  Path sentences;

  @Option(names = "--limit", description = "embed: at most this many texts (default: all; 512 with --beir).")
  Integer limit;

  @Option(names = "--batch", defaultValue = "32", description = "embed: batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--threads", description = "Threads for the measured work (default: all cores).")
  Integer threads;

  @Option(names = "--reps", defaultValue = "5", description = "Interleaved repetitions (default ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--json", paramLabel = "FILE", description = "Write result rows as JSON.")
  Path json;

  @Option(names = "--shared", paramLabel = "DIR", description = "The shared data and peers folder (default: $SEXTANT_SHARED or ../shared).")
  Path shared;

  @Option(names = "--cache", paramLabel = "DIR", description = "Where Node peers are installed on first use (default: ~/.cache/sextant).")
  Path cache;

  @Option(names = "-P", paramLabel = "KEY=VALUE", description = "Suite-specific parameter, e.g. -P chunks=100000 (see docs/BENCHMARKS.md).")
  Map<String, String> params = new LinkedHashMap<>();

  BenchCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  /** The suites by name; each is one class in services/bench. */
  private Map<String, BenchSuite> suites() {
    Map<String, BenchSuite> s = new LinkedHashMap<>();
    add(s, new EmbedSuite(wiring.models()::folder, models, texts(), batch));
    add(s, new QuerySuite(wiring.models()::folder));
    add(s, new ColdStartSuite(projectRoot()));



    java.util.function.Function<String, TextEmbedder> open = id -> wiring.models().open(id,
        threads != null ? threads : Runtime.getRuntime().availableProcessors());
    add(s, new io.sextant.services.bench.AnnSuite(open));
    add(s, new io.sextant.services.bench.BuildSuite(open));
    add(s, new io.sextant.services.bench.QuantSuite(open));

    return s;
  }

  private static void add(Map<String, BenchSuite> suites, BenchSuite suite) {
    suites.put(suite.name(), suite);
  }

  @Override
  public Integer call() throws Exception {
    if ("plot".equals(suite)) {
      return plot();
    }
    if ("umap".equals(suite)) {
      return umap();
    }
    Map<String, BenchSuite> all = suites();
    BenchSuite chosen = all.get(suite);
    if (chosen == null) {
      throw new IllegalArgumentException("unknown suite '" + suite + "'; available: "
          + String.join(", ", all.keySet()) + ", plot, umap");
    }
    PrintWriter out = spec.commandLine().getOut();
    int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    Map<String, String> p = new LinkedHashMap<>(params);
    if (limit != null) {
      p.putIfAbsent("limit", limit.toString());
    }
    BenchContext ctx = new BenchContext(out, nThreads, reps, sharedDir(), cacheDir(), p);
    List<BenchRow> rows;
    try {
      rows = chosen.run(ctx);
    } catch (MissingPeerException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("bench " + suite + ": cannot run: " + e.getMessage());
      err.flush();
      return 2;
    }
    out.println();
    BenchTable.print(rows, out);
    if (json != null) {
      BenchJson.write(rows, json);
      out.println("wrote " + json);
      out.flush();
    }
    return 0;
  }

  private Path sharedDir() {
    if (shared != null) {
      return shared;
    }
    String env = System.getenv("SEXTANT_SHARED");
    Path p = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared");
    return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
  }

  /** The folder of the {@code sextant} launcher (it passes -Dsextant.root), else the working folder. */
  private static Path projectRoot() {
    String root = System.getProperty("sextant.root");
    return Path.of(root != null && !root.isBlank() ? root : ".").toAbsolutePath().normalize();
  }

  private Path cacheDir() {
    if (cache != null) {
      return cache;
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("sextant");
  }

  @Option(names = "--points", defaultValue = "100000", description = "plot, umap: points on the map (default ${DEFAULT-VALUE}).")
  int points;

  /** The Explore map's frame time while panning against a canvas drawing every point (needs a display). */
  private Integer plot() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    io.sextant.app.gui.PlotBenchmark.Result r = io.sextant.app.gui.PlotBenchmark.run(points, 60, Math.max(2, reps), 42);
    out.printf("points %d, frames %d per candidate (interleaved blocks of 60)%n", r.points(), r.frames());
    out.printf("%-34s %9s %9s %9s%n", "ms per frame", "median", "p95", "max");
    out.printf("%-34s %9.2f %9.2f %9.2f%n", "map (pixel buffer), whole frame", r.plotFrame().median(), r.plotFrame().p95(), r.plotFrame().max());
    out.printf("%-34s %9.2f %9.2f %9.2f%n", "map, rasterising only", r.plotRaster().median(), r.plotRaster().p95(), r.plotRaster().max());
    out.printf("%-34s %9.2f %9.2f %9.2f%n", "canvas fillRect per point", r.baselineFrame().median(), r.baselineFrame().p95(), r.baselineFrame().max());
    out.flush();
    // the same row shape as every other suite: ratio = Sextant / baseline, here frame times, so lower is better
    BenchRow row = BenchRow.absolute("plot_pan_frame_ms_median:" + r.points(), "ms", r.plotFrame().median(),
            r.baselineFrame().median(), "JavaFX canvas, one fillRect per point", BenchRow.Goal.VALUE_AT_MOST, 16.0)
        .with("p95_ms", r.plotFrame().p95())
        .with("raster_ms_median", r.plotRaster().median());
    if (json != null) {
      BenchJson.write(List.of(row), json);
    }
    javafx.application.Platform.exit();
    return 0;
  }

  /** UMAP of --points latent32 vectors (384-d) against the 60 s target. */
  private Integer umap() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    var r = io.sextant.services.explore.UmapBenchmark.run(points, 384, 15, nThreads, 42);
    out.printf("UMAP of %d x %d latent32 vectors, k=15, %d threads%n", r.points(), r.dims(), r.threads());
    out.printf("neighbour graph alone %.1f s (recall@15 %.3f on 200 sampled points)%n", r.graphSeconds(), r.graphRecall());
    out.printf("UMAP total %.1f s (target 60 s), %.1f s CPU; peak heap %.0f MB; load average %.1f%n",
        r.totalSeconds(), r.totalCpuSeconds(), r.peakHeapMb(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.flush();
    BenchRow row = BenchRow.absolute("umap_seconds:" + r.points() + "x384", "s", r.totalSeconds(), null, null,
            BenchRow.Goal.VALUE_AT_MOST, 60.0)
        .with("graph_seconds", r.graphSeconds())
        .with("graph_recall_at_15", r.graphRecall())
        .with("peak_heap_mb", r.peakHeapMb())
        .with("cpu_seconds", r.totalCpuSeconds())
        .with("threads", r.threads());
    if (json != null) {
      BenchJson.write(List.of(row), json);
    }
    return 0;
  }

  /** embed's texts: --sentences, --beir chunks, or (null) the shared reference sentences. */
  private EmbedSuite.Texts texts() {
    if (sentences != null) {
      return ctx -> Json.MAPPER.readValue(Files.readAllBytes(sentences), new TypeReference<List<String>>() {});
    }
    if (beir != null) {
      return ctx -> beirChunks(ctx.threads(), limit != null ? limit : 512);
    }
    return null;
  }

  /** The chunks an ingest would embed: our chunker over the corpus documents. */
  private List<String> beirChunks(int nThreads, int max) throws Exception {
    BeirDataset ds = BeirDataset.load(beir, "test");
    List<String> out = new ArrayList<>();
    try (TextEmbedder counter = wiring.models().open(models.get(0), nThreads)) {
      Chunker chunker = new Chunker(counter, ChunkerSettings.DEFAULT);
      for (BeirDataset.Doc d : ds.corpus()) {
        for (Chunk c : chunker.chunk(d.mtebText())) {
          out.add(c.text());
          if (out.size() == max) {
            return out;
          }
        }
      }
    }
    return out;
  }
}
