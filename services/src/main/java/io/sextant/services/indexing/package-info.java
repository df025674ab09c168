/**
 * Ingest orchestration: walk sources, skip what has not changed, parse and chunk the rest, embed
 * chunks (through the catalog's embedding cache), write the Lucene index and the catalog, and
 * remove what was deleted. Also rebuilds the index from the catalog when index settings or the
 * set of models change, running a model only for vectors the cache does not hold.
 *
 * <p>Write order is chosen for crash safety: chunks reach the Lucene index and are committed
 * before the catalog records the file as indexed. A crash in between leaves the catalog saying
 * "not indexed", so the next run re-processes the file and replaces its chunks (delete by
 * document key, then add): no orphans and no duplicates.
 */
package io.sextant.services.indexing;
