package io.sextant.services.indexing;

import io.sextant.services.model.TextEmbedder;

/**
 * Hands out loaded embedders by model id. The owner (the engine) keeps them open across runs,
 * since loading a model costs far more than one small ingest.
 */
@FunctionalInterface
public interface EmbedderSource {
  TextEmbedder embedder(String modelId);
}
