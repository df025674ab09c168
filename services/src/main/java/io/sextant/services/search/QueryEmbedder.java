package io.sextant.services.search;

import io.sextant.services.model.TextEmbedder;
import java.util.Map;
import java.util.Objects;

/** Turns query text into a vector with a named model. Must be thread-safe. */
@FunctionalInterface
public interface QueryEmbedder {

  /** Embeds {@code query} with model {@code modelId}, query prefix included. */
  float[] embed(String modelId, String query);

  /** An embedder for keyword search or callers that always pass a query vector. */
  static QueryEmbedder none() {
    return (model, query) -> {
      throw new IllegalStateException(
          "no query embedder configured; pass a query vector for model " + model);
    };
  }

  /** Embeds with the matching loaded model; the map is read at each call. */
  static QueryEmbedder of(Map<String, ? extends TextEmbedder> embedders) {
    Objects.requireNonNull(embedders, "embedders");
    return (model, query) -> {
      TextEmbedder e = embedders.get(model);
      if (e == null) {
        throw new IllegalArgumentException(
            "model " + model + " is not loaded; loaded: " + embedders.keySet());
      }
      return e.embedQuery(query);
    };
  }
}
