package io.sextant.services.model;

import java.util.List;

/**
 * A loaded text embedding model. Implementations are thread-safe; close releases native memory.
 */
public interface TextEmbedder extends TokenCounter, AutoCloseable {

  ModelManifest manifest();

  /** Embeds documents or chunks, adding the model's passage prefix. */
  EmbeddingBatch embedPassages(List<String> texts);

  /** Embeds one search query, adding the model's query prefix. */
  float[] embedQuery(String query);

  @Override
  void close();
}
