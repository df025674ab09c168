package io.sextant.app.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sextant.app.Wiring;
import io.sextant.services.eval.BeirDataset;
import io.sextant.services.ingest.Chunk;
import io.sextant.services.ingest.Chunker;
import io.sextant.services.ingest.ChunkerSettings;
import io.sextant.services.model.EmbeddingBenchmark;
import io.sextant.services.model.ModelFolder;
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
 * {@code sextant bench embed}: chunks per second of the embedding pipeline against a bare ONNX
 * Runtime loop over the same token batches, interleaved in one run (this machine is noisy, so
 * only ratios measured side by side mean anything).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks measured side by side with a baseline in the same run. Suites: embed, plot, umap.")
final class BenchCommand implements Callable<Integer> {

  private final Wiring wiring;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SUITE", description = "embed, plot or umap")
  String suite;

  @Option(names = "--models", split = ",", defaultValue = "all-minilm-l6-v2,all-minilm-l6-v2-q",
      description = "Models to measure (default: ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(names = "--beir", paramLabel = "DIR", description = "Chunk the first --limit documents of this BEIR corpus.")
  Path beir;

  @Option(names = "--sentences", paramLabel = "FILE", description = "A JSON array of texts to embed.")
  Path sentences;

  @Option(names = "--limit", defaultValue = "512", description = "At most this many texts (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--batch", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--threads", description = "Inference threads (default: all cores).")
  Integer threads;

  @Option(names = "--reps", defaultValue = "5", description = "Interleaved repetitions (default ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--json", paramLabel = "FILE", description = "Write result rows as JSON.")
  Path json;

  BenchCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    if ("plot".equals(suite)) {
      return plot();
    }
    if ("umap".equals(suite)) {
      return umap();
    }
    if (!"embed".equals(suite)) {
      throw new IllegalArgumentException("unknown suite '" + suite + "'; available: embed, plot, umap");
    }
    PrintWriter out = spec.commandLine().getOut();
    int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    List<Map<String, Object>> rows = new ArrayList<>();
    out.printf("%-24s %6s %8s %12s %12s %7s %9s%n", "model", "texts", "tokens", "pipeline/s", "bare-ORT/s",
        "ratio", "overhead");
    for (String id : models) {
      List<String> texts = texts(id, nThreads);
      ModelFolder folder = wiring.models().folder(id);
      EmbeddingBenchmark.Result r = EmbeddingBenchmark.run(folder, texts, batch, nThreads, reps);
      out.printf("%-24s %6d %8d %12.1f %12.1f %7.3f %8.1f%%%n", id, r.texts(), r.tokens(),
          r.pipelineChunksPerSecond(), r.bareChunksPerSecond(), r.ratio(), 100 * r.overheadShare());
      out.flush();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("metric", "embed_chunks_per_second:" + id);
      row.put("sextant", r.pipelineChunksPerSecond());
      row.put("baseline", r.bareChunksPerSecond());
      row.put("baseline_name", "bare ONNX Runtime loop over the same token batches");
      row.put("ratio", r.ratio());
      row.put("target", 0.9);
      row.put("met", r.ratio() >= 0.9);
      row.put("texts", r.texts());
      row.put("tokens", r.tokens());
      row.put("batch", r.batchSize());
      row.put("threads", r.threads());
      row.put("repetitions", r.repetitions());
      row.put("tokenise_pool_overhead_share", r.overheadShare());
      rows.add(row);
    }
    if (json != null) {
      Json.write(rows, json);
    }
    return 0;
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
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("metric", "plot_pan_frame_ms_median:" + r.points());
    row.put("sextant", r.plotFrame().median());
    row.put("baseline", r.baselineFrame().median());
    row.put("baseline_name", "JavaFX canvas, one fillRect per point");
    row.put("ratio", r.baselineFrame().median() / r.plotFrame().median());
    row.put("target", 16.0);
    row.put("met", r.plotFrame().median() <= 16.0);
    row.put("p95_ms", r.plotFrame().p95());
    row.put("raster_ms_median", r.plotRaster().median());
    if (json != null) {
      Json.write(List.of(row), json);
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
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("metric", "umap_seconds:" + r.points() + "x384");
    row.put("sextant", r.totalSeconds());
    row.put("target", 60.0);
    row.put("met", r.totalSeconds() <= 60.0);
    row.put("graph_seconds", r.graphSeconds());
    row.put("graph_recall_at_15", r.graphRecall());
    row.put("peak_heap_mb", r.peakHeapMb());
    row.put("cpu_seconds", r.totalCpuSeconds());
    row.put("threads", r.threads());
    if (json != null) {
      Json.write(List.of(row), json);
    }
    return 0;
  }

  private List<String> texts(String modelId, int nThreads) throws Exception {
    if (sentences != null) {
      List<String> all = Json.MAPPER.readValue(Files.readAllBytes(sentences), new TypeReference<List<String>>() {});
      return all.subList(0, Math.min(limit, all.size()));
    }
    if (beir != null) {
      // the chunks an ingest would embed: our chunker over the corpus documents
      BeirDataset ds = BeirDataset.load(beir, "test");
      List<String> out = new ArrayList<>();
      try (TextEmbedder counter = wiring.models().open(modelId, nThreads)) {
        Chunker chunker = new Chunker(counter, ChunkerSettings.DEFAULT);
        for (BeirDataset.Doc d : ds.corpus()) {
          for (Chunk c : chunker.chunk(d.mtebText())) {
            out.add(c.text());
            if (out.size() == limit) {
              return out;
            }
          }
        }
      }
      return out;
    }
    throw new IllegalArgumentException("give --beir DIR or --sentences FILE as the texts to embed");
  }
}
