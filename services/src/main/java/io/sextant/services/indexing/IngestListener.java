package io.sextant.services.indexing;

import java.nio.file.Path;

/**
 * Progress of an ingest run, reported from the ingest's own threads. Implementations must be
 * quick and thread-safe; a UI hands the values to its own thread.
 */
public interface IngestListener {

  /** The walk found {@code total} files to consider. */
  default void filesFound(int total) {}

  /** {@code file} was finished ({@code done} of {@code total}); {@code failure} is null on success. */
  default void fileDone(Path file, int done, int total, String failure) {}

  /** A model embedded {@code count} more chunks. */
  default void chunksEmbedded(long count) {}

  IngestListener NONE = new IngestListener() {};
}
