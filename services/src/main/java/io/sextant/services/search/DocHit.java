package io.sextant.services.search;

import java.util.List;
import java.util.Objects;

/**
 * A document in a search result: the matching chunks of one docKey.
 *
 * @param docKey document key
 * @param path path shown to users
 * @param title title shown to users
 * @param score the best chunk's score
 * @param chunks the document's matching chunks, best first (never empty)
 */
public record DocHit(String docKey, String path, String title, double score, List<ChunkHit> chunks) {
  public DocHit {
    Objects.requireNonNull(docKey, "docKey");
    chunks = List.copyOf(chunks);
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException("a document hit needs at least one chunk");
    }
  }

  /** The chunk that ranked the document. */
  public ChunkHit best() {
    return chunks.get(0);
  }
}
