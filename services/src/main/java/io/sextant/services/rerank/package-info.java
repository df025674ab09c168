/**
 * Second-stage rerankers: a cross-encoder scoring (query, passage) pairs, and a bi-encoder
 * re-scoring candidates by embedding them at query time. Plugged into the search through
 * {@link io.sextant.services.search.RerankerSource}.
 */
package io.sextant.services.rerank;
