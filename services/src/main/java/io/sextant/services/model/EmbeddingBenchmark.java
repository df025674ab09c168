package io.sextant.services.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Measures how much the embedding pipeline costs on top of the model itself.
 *
 * <p>(a) is {@link OnnxTextEmbedder#embedPassages}: tokenise, sort, run, pool, normalise. (b) is a
 * bare loop of {@code session.run} over the <em>same</em> batches, tokenised and padded before the
 * clock starts. Runs alternate A B A B so that drift on a shared machine (CPU steal, thermal
 * limits) hits both alike; medians resist the outliers. Same session for both, so thread settings
 * and graph optimisations cannot differ.
 */
public final class EmbeddingBenchmark {

  /**
   * @param model model id
   * @param texts texts per repetition
   * @param tokens tokens per repetition (padding excluded)
   * @param batchSize texts per model run
   * @param threads intra-op threads asked for ({@code <= 0}: all cores)
   * @param repetitions A/B pairs measured (after one warm-up pair)
   * @param pipelineChunksPerSecond median throughput of the full pipeline
   * @param bareChunksPerSecond median throughput of the bare session.run loop
   * @param ratio pipeline over bare throughput (1.0 means the pipeline costs nothing extra)
   * @param overheadShare share of pipeline time not spent in session.run (tokenise, copy, pool)
   */
  public record Result(
      String model, int texts, long tokens, int batchSize, int threads, int repetitions,
      double pipelineChunksPerSecond, double bareChunksPerSecond, double ratio, double overheadShare) {}

  private EmbeddingBenchmark() {}

  public static Result run(ModelFolder folder, List<String> texts, int batchSize, int threads, int repetitions) {
    if (repetitions < 1) {
      throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
    }
    try (Prepared p = prepare(folder, texts, batchSize, threads)) {
      p.pipelineSeconds(); // warm-up: JIT, ORT arenas, page cache
      p.bareSeconds();
      long[] pipeline = new long[repetitions];
      long[] bare = new long[repetitions];
      for (int r = 0; r < repetitions; r++) {
        pipeline[r] = Math.round(p.pipelineSeconds() * 1e9);
        bare[r] = Math.round(p.bareSeconds() * 1e9);
      }
      double pipelineSeconds = median(pipeline) / 1e9;
      double bareSeconds = median(bare) / 1e9;
      double pipelineRate = texts.size() / pipelineSeconds;
      double bareRate = texts.size() / bareSeconds;
      return new Result(folder.manifest().id(), texts.size(), p.tokens(), batchSize, threads, repetitions,
          pipelineRate, bareRate, pipelineRate / bareRate, Math.max(0, 1 - bareSeconds / pipelineSeconds));
    }
  }

  /**
   * Opens the model and pre-tokenises the texts, so that a caller can time the pipeline and the
   * bare loop in its own interleaving (e.g. against a peer in another process).
   */
  public static Prepared prepare(ModelFolder folder, List<String> texts, int batchSize, int threads) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("no texts to benchmark");
    }
    return new Prepared(folder, List.copyOf(texts), batchSize, threads);
  }

  /** One open model with its texts tokenised and padded into per-batch tensors. Not thread-safe. */
  public static final class Prepared implements AutoCloseable {
    private final OnnxTextEmbedder embedder;
    private final ModelFolder folder;
    private final int threads;
    private OrtSession shipped; // opened on first use
    private final List<String> texts;
    private final long tokens;
    private final List<Map<String, OnnxTensor>> batches = new ArrayList<>();

    private Prepared(ModelFolder folder, List<String> texts, int batchSize, int threads) {
      this.texts = texts;
      this.folder = folder;
      this.threads = threads;
      this.embedder = OnnxTextEmbedder.open(folder, threads, batchSize);
      try {
        TokenizedTexts tt = embedder.tokenizePassages(texts);
        tokens = tt.tokens;
        for (int from = 0; from < tt.size(); from += batchSize) {
          int to = Math.min(tt.size(), from + batchSize);
          // Own buffers per batch: all batches' tensors stay alive for the whole loop.
          BatchInputs buffers = embedder.newBuffers(to - from, tt.longest(from, to));
          batches.add(embedder.inputs(buffers, tt, from, to));
        }
      } catch (OrtException | RuntimeException e) {
        close();
        throw e instanceof RuntimeException re ? re
            : new IllegalStateException("ONNX Runtime failed preparing the benchmark: " + e.getMessage(), e);
      }
    }

    /** Tokens per pass, padding excluded. */
    public long tokens() {
      return tokens;
    }

    public int texts() {
      return texts.size();
    }

    /** The vectors of one full pipeline pass (for checking them against a reference). */
    public float[][] embed() {
      return embedder.embedPassages(texts).vectors();
    }

    /** Seconds for one full pipeline pass: tokenise, sort, run, pool, normalise. */
    public double pipelineSeconds() {
      long t0 = System.nanoTime();
      embedder.embedPassages(texts);
      return (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds for {@code session.run} alone over the same pre-tokenised batches. */
    public double bareSeconds() {
      long t0 = System.nanoTime();
      try {
        bare(embedder, batches);
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime failed during the benchmark: " + e.getMessage(), e);
      }
      return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Seconds for the same bare loop on a session over the ONNX file exactly as shipped, without
     * the graph rewrite the embedder may load ({@link LayerNormUnfusion}): what that rewrite is
     * worth, measured in the caller's rotation.
     */
    public double shippedGraphSeconds() {
      try {
        if (shipped == null) {
          shipped = OnnxTextEmbedder.openSession(OrtEnvironment.getEnvironment(), folder.onnxFile(), threads);
        }
        long t0 = System.nanoTime();
        for (Map<String, OnnxTensor> inputs : batches) {
          shipped.run(inputs, embedder.runOutputs()).close();
        }
        return (System.nanoTime() - t0) / 1e9;
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime failed during the benchmark: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      if (shipped != null) {
        try {
          shipped.close();
        } catch (OrtException e) {
          // closing anyway
        }
      }
      batches.forEach(BatchInputs::close);
      batches.clear();
      embedder.close();
    }
  }

  private static void bare(OnnxTextEmbedder embedder, List<Map<String, OnnxTensor>> batches) throws OrtException {
    for (Map<String, OnnxTensor> inputs : batches) {
      embedder.runOnly(inputs);
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}
