package io.sextant.views.common;

import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import java.util.Objects;

/**
 * The result the user picked, with the query and mode that found it, so the Inspector can explain
 * the score and highlight the query's terms.
 *
 * @param doc the document hit
 * @param chunk the passage of it the user is looking at
 * @param query the query text ("" for find-similar lists)
 * @param mode how it was found
 * @param modelId the model whose vectors were searched (the model picker's choice)
 */
public record HitSelection(DocHit doc, ChunkHit chunk, String query, SearchMode mode, String modelId) {

  public HitSelection {
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(modelId, "modelId");
    query = query == null ? "" : query;
  }
}
