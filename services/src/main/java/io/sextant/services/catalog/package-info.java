/**
 * The workspace catalog: one SQLite file recording which sources and files were indexed, the
 * chunks cut from each file, and a cache of chunk embeddings keyed by text hash and model.
 *
 * <p>The catalog is the source of truth the search index is built from: the Lucene index can be
 * rebuilt from it without re-parsing a single document, and re-indexing after a model change
 * re-embeds only the texts whose vectors are not yet cached.
 */
package io.sextant.services.catalog;
