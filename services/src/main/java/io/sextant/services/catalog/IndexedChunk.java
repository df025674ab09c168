package io.sextant.services.catalog;

import java.util.Objects;

/** A chunk together with the file it came from, as streamed by {@link Catalog#forEachChunk}. */
public record IndexedChunk(FileRecord file, ChunkRecord chunk) {
  public IndexedChunk {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(chunk, "chunk");
  }
}
