package io.sextant.app.cli;

import io.sextant.app.Wiring;
import io.sextant.services.catalog.Catalog;
import io.sextant.services.engine.EngineConfig;
import io.sextant.services.eval.BeirDataset;
import io.sextant.services.eval.BeirEvaluator;
import io.sextant.services.eval.EvalOptions;
import io.sextant.services.eval.EvalResult;
import io.sextant.services.eval.Protocol;
import io.sextant.services.export.EvalTableExporter;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.ingest.ChunkerSettings;
import io.sextant.services.model.TextEmbedder;
import io.sextant.services.rerank.CrossEncoder;
import java.util.ArrayList;
import java.util.List;
import io.sextant.services.search.SearchMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sextant eval --beir DIR}: judged evaluation on a BEIR-layout dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a setup on a BEIR dataset (corpus.jsonl, queries.jsonl, qrels/SPLIT.tsv): "
        + "nDCG@10, MRR@10, recall@10/100 and latency.")
final class EvalCommand implements Callable<Integer> {

  private final Wiring wiring;

  @Spec CommandSpec spec;
  @Mixin FusionOptions fusion;

  @Option(names = "--beir", required = true, paramLabel = "DIR", description = "BEIR dataset folder.")
  Path beir;

  @Option(names = "--model", description = "Embedding model (default: " + EngineConfig.DEFAULT_MODEL + ").")
  String model;

  @Option(names = "--mode", defaultValue = "semantic", description = "keyword, semantic or hybrid (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--protocol", defaultValue = "mteb",
      description = "mteb (one vector per document, MTEB's prompts) or chunked (our chunker, best chunk per document); default ${DEFAULT-VALUE}.")
  String protocol;

  @Option(names = "--split", defaultValue = "test", description = "qrels split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the metrics as JSON.")
  Path json;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Append this setup's row to a CSV table (header written when the file is new).")
  Path csv;

  @Option(names = "--run", paramLabel = "FILE", description = "Write the ranked results as a TREC run file.")
  Path run;

  @Option(names = "--exact", description = "Exact (brute-force) vector search instead of HNSW.")
  boolean exact;

  @Option(names = "--oversample", defaultValue = "1", description = "HNSW oversampling with exact re-scoring (default ${DEFAULT-VALUE}).")
  int oversample;

  @Mixin IndexOptions indexOptions;
  @Mixin DepthOptions depth;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Where corpus embeddings are cached between runs (default: DATA/eval-cache).")
  Path cache;

  @Option(names = "--threads", description = "Inference threads (default: all cores).")
  Integer threads;

  EvalCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SearchMode m = SearchCommand.parseMode(mode);
    Protocol p = switch (protocol.toLowerCase()) {
      case "mteb" -> Protocol.MTEB;
      case "chunked" -> Protocol.CHUNKED;
      default -> throw new IllegalArgumentException("--protocol must be mteb or chunked, got " + protocol);
    };
    String modelId = m == SearchMode.KEYWORD && model == null ? null
        : (model != null ? model : EngineConfig.DEFAULT_MODEL);
    var opts = new EvalOptions(modelId, m, p, exact, fusion.toFusion(),
        indexOptions.index(IndexSettings.DEFAULT), indexOptions.chunker(ChunkerSettings.DEFAULT), 100, oversample,
        depth.toRerank(), depth.dims);
    BeirDataset ds = BeirDataset.load(beir, split);
    Path cacheDir = cache != null ? cache : wiring.dirs().dataHome().resolve("eval-cache");
    Files.createDirectories(cacheDir);
    int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    Map<String, TextEmbedder> loaded = new ConcurrentHashMap<>();
    List<Runnable> closers = new ArrayList<>();
    try (Catalog catalog = Catalog.open(cacheDir.resolve("embeddings.db"))) {
      Path rerankersDir = wiring.models().modelsDir().resolveSibling("rerankers");
      Map<String, CrossEncoder> crossEncoders = new ConcurrentHashMap<>();
      closers.add(() -> crossEncoders.values().forEach(CrossEncoder::close));
      var evaluator = new BeirEvaluator(catalog,
          id -> loaded.computeIfAbsent(id, i -> wiring.models().open(i, nThreads)),
          cacheDir.resolve("scratch"),
          id -> {
            if (!CrossEncoder.isFolder(rerankersDir.resolve(id))) {
              throw new IllegalArgumentException("no cross-encoder " + id + " in " + rerankersDir);
            }
            return crossEncoders.computeIfAbsent(id, i -> CrossEncoder.open(rerankersDir.resolve(i), nThreads));
          });
      EvalResult r = evaluator.evaluate(ds, opts);
      Map<String, Object> j = toJson(r);
      out.printf("%s  model=%s mode=%s protocol=%s%s  docs=%d queries=%d%n", r.dataset(),
          modelId == null ? "-" : modelId, m.name().toLowerCase(), p.name().toLowerCase(),
          exact ? " exact" : "", r.docs(), r.metrics().queries());
      if (depth.dims > 0) {
        out.printf("vectors truncated to %d dimensions%n", depth.dims);
      }
      if (r.firstStage() != null) {
        var f = r.firstStage();
        out.printf("first stage   nDCG@10 %.4f  MRR@10 %.4f  recall@10 %.4f  recall@100 %.4f  query p50 %.2f ms, p95 %.2f ms%n",
            f.ndcg10(), f.mrr10(), f.recall10(), f.recall100(), r.firstStageMsP50(), r.firstStageMsP95());
        out.printf("re-ranked by %s@%d%n", opts.rerank().modelId(), opts.rerank().depth());
      }
      out.printf("nDCG@10 %.4f  MRR@10 %.4f  recall@10 %.4f  recall@100 %.4f%n",
          r.metrics().ndcg10(), r.metrics().mrr10(), r.metrics().recall10(), r.metrics().recall100());
      if (r.firstStage() != null) {
        out.printf("gain nDCG@10 %+.4f; latency added p50 %+.2f ms, p95 %+.2f ms%n",
            r.metrics().ndcg10() - r.firstStage().ndcg10(), r.queryMsP50() - r.firstStageMsP50(),
            r.queryMsP95() - r.firstStageMsP95());
      }
      out.printf("embedded %d units in %.1f s; index %.1f s; query p50 %.2f ms, p95 %.2f ms%n",
          r.chunksEmbedded(), r.embedSeconds(), r.indexSeconds(), r.queryMsP50(), r.queryMsP95());
      out.flush();
      if (json != null) {
        Json.write(j, json);
      }
      if (csv != null) {
        appendCsv(r, csv);
      }
      if (run != null) {
        r.run().writeTrec(run, "sextant-" + (modelId == null ? "bm25" : modelId) + "-" + m.name().toLowerCase());
      }
    } finally {
      closers.forEach(Runnable::run);
      loaded.values().forEach(TextEmbedder::close);
    }
    return 0;
  }

  /** Appends a row; a new or empty file gets the header first, so runs build one table. */
  static void appendCsv(EvalResult r, Path file) throws java.io.IOException {
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    var text = new java.io.StringWriter();
    EvalTableExporter.writeCsv(java.util.List.of(r), text);
    String s = text.toString();
    if (!fresh) {
      s = s.substring(s.indexOf('\n') + 1);
    }
    Files.writeString(file, s, java.nio.charset.StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  static Map<String, Object> toJson(EvalResult r) {
    var o = r.options();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("dataset", r.dataset());
    j.put("model", o.modelId());
    j.put("mode", o.mode().name().toLowerCase());
    j.put("protocol", o.protocol().name().toLowerCase());
    j.put("exact", o.exact());
    j.put("fusion", o.fusion().toString());
    j.put("index", o.index().fingerprint());
    j.put("docs", r.docs());
    j.put("units", r.units());
    j.put("queries", r.metrics().queries());
    j.put("ndcg@10", r.metrics().ndcg10());
    j.put("mrr@10", r.metrics().mrr10());
    j.put("recall@10", r.metrics().recall10());
    j.put("recall@100", r.metrics().recall100());
    j.put("embed_seconds", r.embedSeconds());
    j.put("chunks_embedded", r.chunksEmbedded());
    j.put("index_seconds", r.indexSeconds());
    j.put("query_ms_p50", r.queryMsP50());
    j.put("query_ms_p95", r.queryMsP95());
    j.put("dims", o.dims() == 0 ? null : o.dims());
    if (r.firstStage() != null) {
      j.put("rerank_model", o.rerank().modelId());
      j.put("rerank_depth", o.rerank().depth());
      j.put("first_stage_ndcg@10", r.firstStage().ndcg10());
      j.put("first_stage_mrr@10", r.firstStage().mrr10());
      j.put("first_stage_recall@10", r.firstStage().recall10());
      j.put("first_stage_recall@100", r.firstStage().recall100());
      j.put("first_stage_query_ms_p50", r.firstStageMsP50());
      j.put("first_stage_query_ms_p95", r.firstStageMsP95());
      j.put("ndcg@10_gain", r.metrics().ndcg10() - r.firstStage().ndcg10());
      j.put("rerank_ms_p50_added", r.queryMsP50() - r.firstStageMsP50());
    }
    return j;
  }
}
