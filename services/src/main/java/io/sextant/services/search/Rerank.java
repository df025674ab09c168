package io.sextant.services.search;

import java.util.Objects;

/**
 * An optional second stage: re-score the first stage's top {@code depth} documents with another
 * model and re-order them by its scores. Hits below the depth keep their first-stage order after
 * every re-scored hit, since the two stages' scores are not comparable.
 *
 * @param modelId a cross-encoder, or an embedding model used as a (larger) bi-encoder
 * @param depth how many first-stage documents (or chunks, when not grouping) are re-scored
 */
public record Rerank(String modelId, int depth) {

  /** Depth when none is given: deep enough to lift buried hits, cheap enough to stay interactive. */
  public static final int DEFAULT_DEPTH = 50;

  public static final int MAX_DEPTH = 1_000;

  public Rerank {
    Objects.requireNonNull(modelId, "modelId");
    if (modelId.isBlank()) {
      throw new IllegalArgumentException("rerank model id is blank");
    }
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("rerank depth must be in 1.." + MAX_DEPTH + ", got " + depth);
    }
  }

  public static Rerank of(String modelId) {
    return new Rerank(modelId, DEFAULT_DEPTH);
  }
}
