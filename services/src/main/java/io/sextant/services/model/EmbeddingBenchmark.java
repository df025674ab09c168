package io.sextant.services.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
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
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("no texts to benchmark");
    }
    if (repetitions < 1) {
      throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
    }
    try (OnnxTextEmbedder embedder = OnnxTextEmbedder.open(folder, threads, batchSize)) {
      TokenizedTexts tokens = embedder.tokenizePassages(texts);
      List<Map<String, OnnxTensor>> batches = new ArrayList<>();
      try {
        for (int from = 0; from < tokens.size(); from += batchSize) {
          int to = Math.min(tokens.size(), from + batchSize);
          // Own buffers per batch: all batches' tensors stay alive for the whole loop.
          BatchInputs buffers = embedder.newBuffers(to - from, tokens.longest(from, to));
          batches.add(embedder.inputs(buffers, tokens, from, to));
        }
        embedder.embedPassages(texts); // warm-up: JIT, ORT arenas, page cache
        bare(embedder, batches);
        long[] pipeline = new long[repetitions];
        long[] bare = new long[repetitions];
        for (int r = 0; r < repetitions; r++) {
          long t0 = System.nanoTime();
          embedder.embedPassages(texts);
          long t1 = System.nanoTime();
          bare(embedder, batches);
          long t2 = System.nanoTime();
          pipeline[r] = t1 - t0;
          bare[r] = t2 - t1;
        }
        double pipelineSeconds = median(pipeline) / 1e9;
        double bareSeconds = median(bare) / 1e9;
        double pipelineRate = texts.size() / pipelineSeconds;
        double bareRate = texts.size() / bareSeconds;
        return new Result(folder.manifest().id(), texts.size(), tokens.tokens, batchSize, threads, repetitions,
            pipelineRate, bareRate, pipelineRate / bareRate, Math.max(0, 1 - bareSeconds / pipelineSeconds));
      } finally {
        batches.forEach(BatchInputs::close);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed during the benchmark: " + e.getMessage(), e);
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
