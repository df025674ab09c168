package io.sextant.services.search;

import io.sextant.services.index.ChunkFields;
import io.sextant.services.index.VectorMath;
import java.util.Arrays;
import java.util.Objects;

/**
 * What to search for and how. Build with {@link #builder}; the canonical constructor validates.
 *
 * @param query query text; may be empty when {@code queryVector} is given (semantic search)
 * @param mode which retrievers run
 * @param modelId embedding model; required for SEMANTIC and HYBRID, ignored for KEYWORD
 * @param k number of result groups (documents, or chunks when {@code groupByDoc} is false)
 * @param filters restrictions applied inside both retrievers
 * @param fusion how HYBRID merges the two lists
 * @param exact brute-force vector search over every live chunk instead of HNSW
 * @param candidates chunks each first-stage retriever returns; at least {@code k}
 * @param queryVector precomputed query embedding (skips the embedder), or null
 * @param oversample for quantised vector encodings, HNSW fetches {@code candidates * oversample}
 *     chunks and re-ranks them by exact float dot product; ignored for float32 and exact search
 * @param groupByDoc group chunks by document; false makes each chunk its own group
 * @param rerank optional second stage over the first stage's top documents, or null
 * @param dims search with the first {@code dims} dimensions of the model's vectors (re-normalised),
 *     or 0 for all of them
 */
public record SearchRequest(
    String query,
    SearchMode mode,
    String modelId,
    int k,
    SearchFilters filters,
    Fusion fusion,
    boolean exact,
    int candidates,
    float[] queryVector,
    int oversample,
    boolean groupByDoc,
    Rerank rerank,
    int dims) {

  public static final int MAX_K = 1_000;

  /** Bounds HNSW work and memory per query; far beyond what a result list needs. */
  public static final int MAX_CANDIDATES = 10_000;

  public static final int MAX_OVERSAMPLE = 100;

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(mode, "mode");
    if (mode == SearchMode.KEYWORD) {
      if (modelId != null) {
        ChunkFields.checkModelId(modelId);
      }
    } else {
      if (modelId == null) {
        throw new IllegalArgumentException(mode + " search needs a modelId");
      }
      ChunkFields.checkModelId(modelId);
    }
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + MAX_K + ", got " + k);
    }
    filters = filters == null ? SearchFilters.NONE : filters;
    fusion = fusion == null ? Fusion.rrf() : fusion;
    if (candidates < k || candidates > MAX_CANDIDATES) {
      throw new IllegalArgumentException(
          "candidates must be in k.." + MAX_CANDIDATES + " (k=" + k + "), got " + candidates);
    }
    if (queryVector != null) {
      VectorMath.checkFinite(queryVector);
      queryVector = queryVector.clone();
    }
    if (oversample < 1 || oversample > MAX_OVERSAMPLE) {
      throw new IllegalArgumentException(
          "oversample must be in 1.." + MAX_OVERSAMPLE + ", got " + oversample);
    }
    if (dims < 0) {
      throw new IllegalArgumentException("dims must be >= 0 (0: all), got " + dims);
    }
    if (rerank != null && rerank.depth() > candidates) {
      throw new IllegalArgumentException(
          "rerank depth " + rerank.depth() + " exceeds the " + candidates + " first-stage candidates");
    }
  }

  /** The request without a second stage or truncation (the form older callers build). */
  public SearchRequest(String query, SearchMode mode, String modelId, int k, SearchFilters filters,
      Fusion fusion, boolean exact, int candidates, float[] queryVector, int oversample,
      boolean groupByDoc) {
    this(query, mode, modelId, k, filters, fusion, exact, candidates, queryVector, oversample,
        groupByDoc, null, 0);
  }

  /** Default number of first-stage candidates: enough for fusion to find overlaps. */
  public static int defaultCandidates(int k) {
    return Math.min(MAX_CANDIDATES, Math.max(100, 4 * k));
  }

  /**
   * Default candidates with a second stage: at least the rerank depth, and a few times it when
   * grouping by document, since the top documents' chunks must all be in the first stage's list.
   */
  static int defaultCandidates(int k, Rerank rerank) {
    int c = defaultCandidates(k);
    return rerank == null ? c : Math.min(MAX_CANDIDATES, Math.max(c, 2 * rerank.depth()));
  }

  /** A copy of the precomputed query vector, or null. */
  @Override
  public float[] queryVector() {
    return queryVector == null ? null : queryVector.clone();
  }

  /** Starts a request with k = 10, no filters, RRF, HNSW, default candidates, grouping on. */
  public static Builder builder(String query, SearchMode mode) {
    return new Builder(query, mode);
  }

  /**
   * A builder holding this request's values; candidates stays "default" (follows k) unless it
   * differs from the default for this request's k.
   */
  public Builder toBuilder() {
    Builder b =
        new Builder(query, mode)
            .modelId(modelId)
            .k(k)
            .filters(filters)
            .fusion(fusion)
            .exact(exact)
            .queryVector(queryVector)
            .oversample(oversample)
            .groupByDoc(groupByDoc)
            .rerank(rerank)
            .dims(dims);
    if (candidates != defaultCandidates(k, rerank)) {
      b.candidates(candidates);
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchRequest r
        && query.equals(r.query)
        && mode == r.mode
        && Objects.equals(modelId, r.modelId)
        && k == r.k
        && filters.equals(r.filters)
        && fusion.equals(r.fusion)
        && exact == r.exact
        && candidates == r.candidates
        && Arrays.equals(queryVector, r.queryVector)
        && oversample == r.oversample
        && groupByDoc == r.groupByDoc
        && Objects.equals(rerank, r.rerank)
        && dims == r.dims;
  }

  @Override
  public int hashCode() {
    return Objects.hash(query, mode, modelId, k, filters, fusion, exact, candidates,
        Arrays.hashCode(queryVector), oversample, groupByDoc, rerank, dims);
  }

  @Override
  public String toString() {
    return "SearchRequest[query=" + query + ", mode=" + mode + ", modelId=" + modelId + ", k=" + k
        + ", filters=" + filters + ", fusion=" + fusion + ", exact=" + exact + ", candidates="
        + candidates + ", queryVector=" + (queryVector == null ? "null" : "float[" + queryVector.length + "]")
        + ", oversample=" + oversample + ", groupByDoc=" + groupByDoc + ", rerank=" + rerank
        + ", dims=" + dims + "]";
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final String query;
    private final SearchMode mode;
    private String modelId;
    private int k = 10;
    private SearchFilters filters = SearchFilters.NONE;
    private Fusion fusion = Fusion.rrf();
    private boolean exact;
    private int candidates; // 0: defaultCandidates(k)
    private float[] queryVector;
    private int oversample = 1;
    private boolean groupByDoc = true;
    private Rerank rerank;
    private int dims;

    private Builder(String query, SearchMode mode) {
      this.query = query;
      this.mode = mode;
    }

    public Builder modelId(String v) {
      modelId = v;
      return this;
    }

    public Builder k(int v) {
      k = v;
      return this;
    }

    public Builder filters(SearchFilters v) {
      filters = v;
      return this;
    }

    public Builder fusion(Fusion v) {
      fusion = v;
      return this;
    }

    public Builder exact(boolean v) {
      exact = v;
      return this;
    }

    /** Chunks per retriever; unset means {@link SearchRequest#defaultCandidates(int)}. */
    public Builder candidates(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("candidates must be >= 1, got " + v);
      }
      candidates = v;
      return this;
    }

    public Builder queryVector(float[] v) {
      queryVector = v;
      return this;
    }

    public Builder oversample(int v) {
      oversample = v;
      return this;
    }

    public Builder groupByDoc(boolean v) {
      groupByDoc = v;
      return this;
    }

    /** A second stage over the first stage's top documents; null for none. */
    public Builder rerank(Rerank v) {
      rerank = v;
      return this;
    }

    /** Search with the first {@code v} dimensions only; 0 for all. */
    public Builder dims(int v) {
      dims = v;
      return this;
    }

    public SearchRequest build() {
      int c = candidates > 0 ? candidates : defaultCandidates(k, rerank);
      return new SearchRequest(query, mode, modelId, k, filters, fusion, exact, c, queryVector,
          oversample, groupByDoc, rerank, dims);
    }
  }
}
