package io.sextant.services.search;

import java.util.List;
import java.util.Objects;

/**
 * Result of a search.
 *
 * @param hits documents (or single chunks when grouping is off), best first
 * @param mode the mode searched
 * @param modelId the model used, or null for keyword search
 * @param embedMicros time spent embedding the query (0 when a vector was supplied)
 * @param searchMicros time spent in the index, fusion, grouping and snippets
 * @param totalCandidates distinct chunks the first-stage retrievers returned
 * @param rerankMicros part of {@code searchMicros} spent in the second stage (0 without one)
 */
public record SearchResponse(
    List<DocHit> hits,
    SearchMode mode,
    String modelId,
    long embedMicros,
    long searchMicros,
    int totalCandidates,
    long rerankMicros) {
  public SearchResponse {
    hits = List.copyOf(hits);
    Objects.requireNonNull(mode, "mode");
    if (embedMicros < 0 || searchMicros < 0 || totalCandidates < 0 || rerankMicros < 0) {
      throw new IllegalArgumentException("negative timing or count");
    }
  }

  /** A response of a search without a second stage. */
  public SearchResponse(List<DocHit> hits, SearchMode mode, String modelId, long embedMicros,
      long searchMicros, int totalCandidates) {
    this(hits, mode, modelId, embedMicros, searchMicros, totalCandidates, 0);
  }
}
