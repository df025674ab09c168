package io.sextant.services.browse;

import io.sextant.services.catalog.ChunkRecord;
import io.sextant.services.catalog.FileRecord;
import java.util.List;
import java.util.Objects;

/**
 * A chunk with the chunks around it in its file, for reading a hit in context.
 *
 * @param file the file's catalog record (metadata)
 * @param before up to {@code radius} chunks before, in document order
 * @param chunk the chunk itself
 * @param after up to {@code radius} chunks after, in document order
 * @param chunkCount how many chunks the file has
 */
public record ChunkContext(FileRecord file, List<ChunkRecord> before, ChunkRecord chunk,
    List<ChunkRecord> after, int chunkCount) {

  public ChunkContext {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(chunk, "chunk");
    before = List.copyOf(before);
    after = List.copyOf(after);
  }
}
