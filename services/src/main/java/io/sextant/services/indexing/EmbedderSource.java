package io.sextant.services.indexing;

import io.sextant.services.model.ModelManifest;
import io.sextant.services.model.TextEmbedder;

/**
 * Hands out loaded embedders by model id. The owner (the engine) keeps them open across runs,
 * since loading a model costs far more than one small ingest.
 */
@FunctionalInterface
public interface EmbedderSource {
  TextEmbedder embedder(String modelId);

  /**
   * The manifest of a model. The embedding cache is keyed by its ONNX hash, so a source that can
   * read it without loading the model (as the engine's can) lets a rebuild served wholly from the
   * cache start no model session at all; this default loads the model.
   */
  default ModelManifest manifest(String modelId) {
    return embedder(modelId).manifest();
  }
}
