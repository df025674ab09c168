package io.sextant.services.search;

/** Which retrievers a search runs. */
public enum SearchMode {
  /** BM25 over the chunk text only. */
  KEYWORD,
  /** Vector similarity with one model's embeddings only. */
  SEMANTIC,
  /** Both, fused with a {@link Fusion}. */
  HYBRID
}
