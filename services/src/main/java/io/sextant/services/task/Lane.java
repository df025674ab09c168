package io.sextant.services.task;

/**
 * A named executor. Work is split by the resource it competes for, so a long ingest (parse,
 * inference) never queues in front of an interactive search.
 */
public enum Lane {
  /** Reading and parsing files (Tika). */
  PARSE,
  /** Running embedding models. */
  INFERENCE,
  /** Writing the Lucene index. */
  INDEX,
  /** Catalog (SQLite) and other small file I/O. */
  IO,
  /** Interactive searches; kept separate so they stay responsive during an ingest. */
  SEARCH,
  /**
   * A part of one interactive search run beside the rest of it: the keyword retrieval of a hybrid
   * search, while the searching thread embeds the query. Its own lane, so a part never queues
   * behind whole searches (the searching thread runs a part itself when no worker has started it).
   */
  SEARCH_PART,
  /** Maps of the embedding space (projections, clusterings): long CPU work the user waits for. */
  MAP,
  /** The folder watcher's loop: waits for file-system events and applies them in batches. */
  WATCH,
  /**
   * Evaluation runs and corpus-wide model comparisons: hundreds of searches or dot products in a
   * row, kept off SEARCH so the search box stays responsive meanwhile.
   */
  EVALUATE
}
