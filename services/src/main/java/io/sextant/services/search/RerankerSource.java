package io.sextant.services.search;

/**
 * Hands out rerankers by model id. {@link SearchService} asks only when the index holds no vectors
 * of that model (with stored vectors it re-scores a bi-encoder's candidates itself, for free).
 */
@FunctionalInterface
public interface RerankerSource {

  /**
   * @throws IllegalArgumentException if no reranker of that id exists
   */
  Reranker reranker(String modelId);

  /** A source that knows no rerankers: only models with vectors in the index can re-rank. */
  static RerankerSource none() {
    return id -> {
      throw new IllegalArgumentException(
          "no reranker named " + id + " (and the index has no vectors of that model)");
    };
  }
}
