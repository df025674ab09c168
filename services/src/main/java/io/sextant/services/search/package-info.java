/**
 * Keyword (BM25), semantic (HNSW or exact vector) and hybrid search over a {@link
 * io.sextant.services.index.ChunkIndex}, with results grouped by document and snippets.
 *
 * <p>{@link io.sextant.services.search.SearchService} is the entry point; it takes a {@link
 * io.sextant.services.search.SearchRequest} and returns a {@link
 * io.sextant.services.search.SearchResponse}. Hybrid search fuses the two candidate lists with
 * reciprocal-rank fusion or a convex combination of min-max normalised scores ({@link
 * io.sextant.services.search.Fusion}), keeping each hit's per-retriever scores and ranks so the
 * UI and the evaluation harness can show why a hit ranked where it did.
 */
package io.sextant.services.search;
