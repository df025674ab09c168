/**
 * The Lucene index of text chunks: one Lucene document per chunk, carrying its text for BM25,
 * one HNSW vector field per embedding model, and the metadata that search filters and groups on.
 *
 * <p>{@link io.sextant.services.index.ChunkIndex} owns the single {@code IndexWriter} and a
 * {@code SearcherManager} that only ever exposes committed state. {@link
 * io.sextant.services.index.IndexedChunk} is what callers hand in; {@link
 * io.sextant.services.index.ChunkFields} names the Lucene fields so the search package can build
 * queries without knowing how documents are assembled. The index records its {@link
 * io.sextant.services.index.IndexSettings} in the commit user data so a caller can detect that a
 * rebuild is needed before opening it.
 */
package io.sextant.services.index;
