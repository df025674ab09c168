package io.sextant.views.common;

import io.sextant.services.search.SearchMode;
import java.util.Locale;
import java.util.Objects;

/** A retrieval setup the Compare and Evaluate screens run: a model and a mode. */
public record Setup(String modelId, SearchMode mode) {

  public Setup {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(mode, "mode");
  }

  /** "bge-small-en-v1.5-q · hybrid", or "keyword (BM25)" where the model plays no part. */
  public String label() {
    return mode == SearchMode.KEYWORD ? "keyword (BM25)"
        : modelId + " · " + mode.name().toLowerCase(Locale.ROOT);
  }
}
