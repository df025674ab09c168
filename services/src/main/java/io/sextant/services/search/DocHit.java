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
 * @param firstStageRank 1-based rank the document had before a second stage re-ordered the list,
 *     or 0 when the search had no second stage
 * @param kind a text document or an image (images have one chunk: their caption line)
 */
public record DocHit(String docKey, String path, String title, double score, List<ChunkHit> chunks,
    int firstStageRank, Kind kind) {

  /** What a hit is; images come from the CLIP image index. */
  public enum Kind { DOCUMENT, IMAGE }

  public DocHit {
    if (firstStageRank < 0) {
      throw new IllegalArgumentException("firstStageRank must be >= 0, got " + firstStageRank);
    }
    Objects.requireNonNull(docKey, "docKey");
    kind = kind == null ? Kind.DOCUMENT : kind;
    chunks = List.copyOf(chunks);
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException("a document hit needs at least one chunk");
    }
  }

  /** A document hit after a second stage. */
  public DocHit(String docKey, String path, String title, double score, List<ChunkHit> chunks,
      int firstStageRank) {
    this(docKey, path, title, score, chunks, firstStageRank, Kind.DOCUMENT);
  }

  /** A hit of a search without a second stage. */
  public DocHit(String docKey, String path, String title, double score, List<ChunkHit> chunks) {
    this(docKey, path, title, score, chunks, 0, Kind.DOCUMENT);
  }

  /** This hit as another kind (the image search marks its hits with it). */
  public DocHit as(Kind newKind) {
    return new DocHit(docKey, path, title, score, chunks, firstStageRank, newKind);
  }

  /** The chunk that ranked the document. */
  public ChunkHit best() {
    return chunks.get(0);
  }
}
