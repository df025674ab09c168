package io.sextant.services.catalog;

import io.sextant.services.ingest.Chunk;
import java.util.Objects;

/**
 * A stored chunk of a file's text.
 *
 * @param id catalog id (0 for a record not stored yet)
 * @param fileId file it was cut from (0 for a record not stored yet)
 * @param ordinal position within the file, from 0
 * @param start character offset in the file's text
 * @param end character offset one past the chunk's end
 * @param page 1-based page, or 0 when the format has no pages
 * @param tokens length in the chunker's tokens
 * @param text the chunk's text
 * @param textHash SHA-256 hex of the text; the embedding cache key. Computed when null.
 */
public record ChunkRecord(long id, long fileId, int ordinal, int start, int end, int page,
    int tokens, String text, String textHash) {

  public ChunkRecord {
    Objects.requireNonNull(text, "text");
    if (ordinal < 0 || start < 0 || end < start || page < 0 || tokens < 0) {
      throw new IllegalArgumentException("bad chunk record: ordinal=" + ordinal + " start=" + start
          + " end=" + end + " page=" + page + " tokens=" + tokens);
    }
    textHash = textHash == null || textHash.isEmpty() ? Hashing.sha256Hex(text) : textHash;
  }

  /** A record for a chunk fresh from the chunker. */
  public static ChunkRecord of(Chunk chunk) {
    return new ChunkRecord(0, 0, chunk.ordinal(), chunk.start(), chunk.end(), chunk.page(),
        chunk.tokens(), chunk.text(), null);
  }

  /** The same chunk as the chunker's {@link Chunk}. */
  public Chunk toChunk() {
    return new Chunk(ordinal, text, start, end, page, tokens);
  }
}
