package io.sextant.services.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.services.model.EmbeddingBenchmark;
import io.sextant.services.model.ModelFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code bench embed}: bulk embedding throughput, end to end (tokenise, infer, pool, normalise),
 * against a raw onnxruntime-node session over the same ONNX file in the same run, plus the share
 * of our time not spent in {@code session.run} and the int8 model's speed-up over fp32.
 *
 * <p>Per repetition, for each model, three passes in rotation: Sextant's pipeline, the bare
 * {@code session.run} loop in our JVM over pre-tokenised batches, and the Node peer's raw
 * session (pre-tokenised by transformers.js, pooling and L2 in JS). Texts: the 1,000 reference
 * sentences of {@code ../shared/reference/minilm} unless the caller gives others.
 */
public final class EmbedSuite implements BenchSuite {

  /** Where the texts come from; the default is the shared reference sentences. */
  @FunctionalInterface
  public interface Texts {
    List<String> load(BenchContext context) throws Exception;
  }

  static final String REFERENCE = "reference/minilm";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PEER_MODEL = "all-MiniLM-L6-v2";

  private final Function<String, ModelFolder> models;
  private final List<String> modelIds;
  private final Texts texts;
  private final int batch;

  /**
   * @param models looks up a model folder by id
   * @param modelIds models to measure; {@code all-minilm-l6-v2} and {@code -q} have a Node peer
   * @param texts the texts, or {@code null} for the shared reference sentences
   * @param batch texts per model run
   */
  public EmbedSuite(Function<String, ModelFolder> models, List<String> modelIds, Texts texts, int batch) {
    this.models = Objects.requireNonNull(models, "models");
    this.modelIds = List.copyOf(modelIds);
    if (this.modelIds.isEmpty()) {
      throw new IllegalArgumentException("name at least one model");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, got " + batch);
    }
    this.texts = texts;
    this.batch = batch;
  }

  @Override
  public String name() {
    return "embed";
  }

  @Override
  public String description() {
    return "bulk embedding vs a raw onnxruntime-node session; tokenise+pool share; int8 over fp32";
  }

  @Override
  public List<BenchRow> run(BenchContext ctx) throws Exception {
    boolean reference = texts == null;
    List<String> all = reference ? referenceSentences(ctx) : texts.load(ctx);
    int limit = ctx.intParam("limit", all.size());
    List<String> list = all.subList(0, Math.min(limit, all.size()));
    // -P peer_spinning=0: the Node session without spinning threads, as ours run (a fairness
    // check on a loaded machine, where spinning costs the default-configured peer most).
    String peerSpin = ctx.param("peer_spinning", "1").equals("0") ? "0" : "1";
    NodePeers peers = NodePeers.install(ctx);
    Path textsFile = peers.home().resolve("embed-texts.json");
    JSON.writeValue(textsFile.toFile(), list);

    List<Side> sides = new ArrayList<>();
    try {
      for (String id : modelIds) {
        ModelFolder folder = models.apply(id);
        ctx.say("embed: preparing %s (%d texts, batch %d, %d threads)", id, list.size(), batch, ctx.threads());
        Side s = new Side(id, EmbeddingBenchmark.prepare(folder, list, batch, ctx.threads()));
        sides.add(s);
        if (id.startsWith("all-minilm-l6-v2")) {
          String onnxName = id.endsWith("-q") ? "model_quantized.onnx" : "model.onnx";
          peers.model(PEER_MODEL, folder.tokenizerFile(), folder.onnxFile(), onnxName);
          s.peer = peers.start("embed-peer.mjs", PEER_MODEL, onnxName, textsFile.toString(),
              Integer.toString(ctx.threads()), Integer.toString(batch), peerSpin);
        }
      }
      List<Interleaved.Measurement> ms = new ArrayList<>();
      for (Side s : sides) {
        ms.add(s.prepared::pipelineSeconds);
        ms.add(s.prepared::bareSeconds);
        ms.add(s.prepared::shippedGraphSeconds);
        if (s.peer != null) {
          ms.add(() -> JSON.readTree(s.peer.ask("run")).get("ms").asDouble() / 1000);
        }
      }
      ctx.say("embed: %d sides, 1 warm-up round + %d measured rounds in rotation", ms.size(), ctx.repetitions());
      double[][] samples = Interleaved.rotate(1, ctx.repetitions(), ms);
      return rows(ctx, sides, samples, list, reference, peerSpin.equals("1"));
    } finally {
      for (Side s : sides) {
        if (s.peer != null) {
          s.peer.close();
        }
        s.prepared.close();
      }
    }
  }

  private List<BenchRow> rows(BenchContext ctx, List<Side> sides, double[][] samples, List<String> list,
      boolean reference, boolean peerSpins) throws IOException {
    List<BenchRow> rows = new ArrayList<>();
    int k = 0;
    Double fp32Rate = null;
    Double int8Rate = null;
    for (Side s : sides) {
      double pipe = Stats.median(samples[k++]);
      double bare = Stats.median(samples[k++]);
      double shipped = Stats.median(samples[k++]);
      double peer = s.peer != null ? Stats.median(samples[k++]) : Double.NaN;
      double rate = list.size() / pipe;
      double overhead = Math.max(0, 1 - bare / pipe);
      Double cos = reference ? minCosineToReference(ctx, s) : null;
      if (s.peer != null) {
        rows.add(BenchRow.ratio("embed_texts_per_second:" + s.id, "texts/s", rate, list.size() / peer,
                "onnxruntime-node raw session (transformers.js tokens; pool + L2 in JS"
                    + (peerSpins ? ")" : "; no spinning)"),
                BenchRow.Goal.RATIO_AT_LEAST, 1.0)
            .with("texts", list.size()).with("tokens", s.prepared.tokens()).with("batch", batch)
            .with("threads", ctx.threads()).with("repetitions", ctx.repetitions())
            .with("bare_java_ort_texts_per_second", list.size() / bare)
            .with("peer_spinning", peerSpins)
            .with("min_cosine_to_reference", cos));
      } else {
        rows.add(BenchRow.ratio("embed_texts_per_second:" + s.id, "texts/s", rate, list.size() / bare,
                "bare session.run loop in our JVM over the same batches", BenchRow.Goal.RATIO_AT_LEAST, 0.9)
            .with("texts", list.size()).with("tokens", s.prepared.tokens()).with("batch", batch)
            .with("threads", ctx.threads()).with("repetitions", ctx.repetitions()));
      }
      rows.add(BenchRow.ratio("embed_unfused_layernorm_speedup:" + s.id, "texts/s", list.size() / bare,
              list.size() / shipped, "bare session.run loop on the ONNX file as shipped (LayerNorm fused by ONNX Runtime)",
              BenchRow.Goal.NONE, 0)
          .with("onnxruntime_version", ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion()));
      rows.add(BenchRow.absolute("embed_tokenise_pool_share:" + s.id, "share of time", overhead, null, null,
              BenchRow.Goal.VALUE_AT_MOST, 0.10)
          .with("pipeline_seconds", pipe).with("bare_session_run_seconds", bare));
      if (s.id.equals("all-minilm-l6-v2")) {
        fp32Rate = rate;
      } else if (s.id.equals("all-minilm-l6-v2-q")) {
        int8Rate = rate;
      }
    }
    if (fp32Rate != null && int8Rate != null) {
      rows.add(BenchRow.ratio("embed_int8_speedup:all-minilm-l6-v2-q", "texts/s", int8Rate, fp32Rate,
          "Sextant fp32 pipeline (all-minilm-l6-v2), same run", BenchRow.Goal.RATIO_AT_LEAST, 2.7));
    }
    return rows;
  }

  private static List<String> referenceSentences(BenchContext ctx) throws IOException {
    Path file = ctx.requireShared(REFERENCE + "/sentences-1000.json", "bench embed");
    List<String> out = new ArrayList<>();
    for (JsonNode n : JSON.readTree(file.toFile())) {
      out.add(n.asText());
    }
    return out;
  }

  /** Lowest cosine between our vectors and the reference transformers.js vectors (a sanity check). */
  private static Double minCosineToReference(BenchContext ctx, Side s) throws IOException {
    String file = switch (s.id) {
      case "all-minilm-l6-v2" -> "emb-all-MiniLM-L6-v2-fp32-1000.f32";
      case "all-minilm-l6-v2-q" -> "emb-all-MiniLM-L6-v2-q8-1000.f32";
      default -> null;
    };
    Path ref = file == null || ctx.shared() == null ? null : ctx.shared().resolve(REFERENCE).resolve(file);
    if (ref == null || !Files.exists(ref)) {
      return null;
    }
    float[][] ours = s.prepared.embed();
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(ref)).order(ByteOrder.LITTLE_ENDIAN);
    int dims = ours[0].length;
    double min = 1;
    for (int i = 0; i < ours.length && (i + 1) * dims * 4 <= buf.capacity(); i++) {
      double dot = 0;
      for (int d = 0; d < dims; d++) {
        dot += ours[i][d] * buf.getFloat((i * dims + d) * 4);
      }
      min = Math.min(min, dot);
    }
    return min;
  }

  private static final class Side {
    final String id;
    final EmbeddingBenchmark.Prepared prepared;
    NodePeers.Peer peer;

    Side(String id, EmbeddingBenchmark.Prepared prepared) {
      this.id = id;
      this.prepared = prepared;
    }
  }
}
