package io.sextant.views.search;

import io.sextant.services.search.Fusion;
import io.sextant.services.search.Rerank;
import io.sextant.services.search.SearchFilters;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the Search pane's controls say, turned into a {@link SearchRequest}. Immutable: each
 * control change makes a new form, and the pane searches for the newest one only.
 *
 * @param query the text typed
 * @param mode keyword, semantic or hybrid
 * @param modelId model whose vectors semantic and hybrid search use
 * @param fileTypes extensions to keep; empty keeps all
 * @param folder folder to stay under, or null
 * @param from first day of the modified-date range (inclusive), or null
 * @param to last day of the modified-date range (inclusive), or null
 * @param k how many files to list
 * @param rerank second stage over the first stage's top hits, or null for none
 */
public record SearchForm(String query, SearchMode mode, String modelId, Set<String> fileTypes,
    String folder, LocalDate from, LocalDate to, int k, Rerank rerank) {

  /** Hybrid's fusion: the convex mix that scored best on SciFact for every model (docs/EVAL.md). */
  public static final Fusion HYBRID_FUSION = new Fusion.Convex(0.5);

  public static final int DEFAULT_K = 25;

  public SearchForm {
    query = query == null ? "" : query;
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(modelId, "modelId");
    fileTypes = fileTypes == null ? Set.of() : Set.copyOf(fileTypes);
    if (k < 1 || k > SearchRequest.MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + SearchRequest.MAX_K + ", got " + k);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("date range starts after it ends: " + from + " > " + to);
    }
  }

  public static SearchForm of(String query, SearchMode mode, String modelId) {
    return new SearchForm(query, mode, modelId, Set.of(), null, null, null, DEFAULT_K, null);
  }

  public SearchForm withQuery(String q) {
    return new SearchForm(q, mode, modelId, fileTypes, folder, from, to, k, rerank);
  }

  public SearchForm withMode(SearchMode m) {
    return new SearchForm(query, m, modelId, fileTypes, folder, from, to, k, rerank);
  }

  public SearchForm withModel(String m) {
    return new SearchForm(query, mode, m, fileTypes, folder, from, to, k, rerank);
  }

  public SearchForm withFileTypes(Set<String> t) {
    return new SearchForm(query, mode, modelId, t, folder, from, to, k, rerank);
  }

  public SearchForm withFolder(String f) {
    return new SearchForm(query, mode, modelId, fileTypes, f, from, to, k, rerank);
  }

  public SearchForm withDates(LocalDate f, LocalDate t) {
    return new SearchForm(query, mode, modelId, fileTypes, folder, f, t, k, rerank);
  }

  public SearchForm withRerank(Rerank r) {
    return new SearchForm(query, mode, modelId, fileTypes, folder, from, to, k, r);
  }

  /** The request to run, or empty when there is nothing to search for (a blank query). */
  public Optional<SearchRequest> toRequest(ZoneId zone) {
    if (query.isBlank()) {
      return Optional.empty();
    }
    Long fromMs = from == null ? null : from.atStartOfDay(zone).toInstant().toEpochMilli();
    Long toMs = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
    SearchFilters filters = SearchFilters.NONE.withFileTypes(fileTypes)
        .withFolder(folder).withModified(fromMs, toMs);
    return Optional.of(SearchRequest.builder(query.strip(), mode).modelId(modelId).k(k)
        .filters(filters).fusion(HYBRID_FUSION).rerank(rerank).build());
  }
}
