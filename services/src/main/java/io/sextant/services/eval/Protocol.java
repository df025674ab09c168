package io.sextant.services.eval;

/** How a BEIR corpus is turned into indexed units. */
public enum Protocol {
  /**
   * MTEB's protocol: one vector per document (title + " " + text, truncated at the model's
   * maximum sequence length) with the model's query and passage prompts. Reproduces published
   * MTEB scores.
   */
  MTEB,
  /** Sextant's own chunker; a document scores as its best chunk. What users of the workbench get. */
  CHUNKED
}
