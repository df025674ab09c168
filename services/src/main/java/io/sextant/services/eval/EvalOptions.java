package io.sextant.services.eval;

import io.sextant.services.index.IndexSettings;
import io.sextant.services.ingest.ChunkerSettings;
import io.sextant.services.search.Fusion;
import io.sextant.services.search.Rerank;
import io.sextant.services.search.SearchMode;
import java.util.Objects;

/**
 * One evaluation setup.
 *
 * @param modelId embedding model (required unless mode is keyword)
 * @param mode keyword, semantic or hybrid
 * @param protocol MTEB or chunked
 * @param exact brute-force vector search instead of HNSW
 * @param fusion how hybrid mode fuses the two lists
 * @param index HNSW and encoding settings
 * @param chunker chunk settings for the chunked protocol
 * @param depth documents retrieved per query (recall@100 needs 100)
 * @param oversample HNSW oversampling factor with exact re-scoring (1 = none)
 * @param rerank second stage over the first stage's top documents, or null
 * @param dims index and search the first {@code dims} dimensions of the vectors (re-normalised),
 *     or 0 for all
 */
public record EvalOptions(String modelId, SearchMode mode, Protocol protocol, boolean exact,
    Fusion fusion, IndexSettings index, ChunkerSettings chunker, int depth, int oversample,
    Rerank rerank, int dims) {

  /** A setup without a second stage or truncation. */
  public EvalOptions(String modelId, SearchMode mode, Protocol protocol, boolean exact,
      Fusion fusion, IndexSettings index, ChunkerSettings chunker, int depth, int oversample) {
    this(modelId, mode, protocol, exact, fusion, index, chunker, depth, oversample, null, 0);
  }

  public EvalOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(fusion, "fusion");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(chunker, "chunker");
    if (mode != SearchMode.KEYWORD && (modelId == null || modelId.isBlank())) {
      throw new IllegalArgumentException(mode + " evaluation needs a model");
    }
    if (depth < 10) {
      throw new IllegalArgumentException("depth must be at least 10 (nDCG@10), got " + depth);
    }
    if (oversample < 1) {
      throw new IllegalArgumentException("oversample must be at least 1, got " + oversample);
    }
    if (dims < 0) {
      throw new IllegalArgumentException("dims must be >= 0 (0: all), got " + dims);
    }
    if (dims > 0 && mode == SearchMode.KEYWORD) {
      throw new IllegalArgumentException("--dims needs a semantic or hybrid evaluation");
    }
  }
}
