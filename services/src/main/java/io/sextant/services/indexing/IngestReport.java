package io.sextant.services.indexing;

import java.util.List;
import java.util.Objects;

/**
 * What one ingest run did.
 *
 * @param filesSeen regular files found under the sources (after skipping hidden/system files)
 * @param filesIndexed files parsed, chunked and (re)indexed in this run
 * @param filesUnchanged files skipped because size and mtime (or content hash) were unchanged
 * @param filesFailed files that could not be indexed, each listed in {@code failures}
 * @param filesDeleted files that had been indexed and no longer exist
 * @param chunks chunks written to the index in this run
 * @param chunksEmbedded chunk vectors computed by a model in this run (cache hits excluded)
 * @param truncatedChunks chunks longer than a model's input limit (cut before embedding)
 * @param seconds wall time of the run
 * @param failures per-file failures with a specific reason
 * @param notes files indexed only in part (kind "truncated"), with what was left out; they count
 *     as indexed
 */
public record IngestReport(
    int filesSeen, int filesIndexed, int filesUnchanged, int filesFailed, int filesDeleted,
    long chunks, long chunksEmbedded, long truncatedChunks, double seconds,
    List<Failure> failures, List<Failure> notes) {

  public IngestReport {
    failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
  }

  /** A report without notes. */
  public IngestReport(
      int filesSeen, int filesIndexed, int filesUnchanged, int filesFailed, int filesDeleted,
      long chunks, long chunksEmbedded, long truncatedChunks, double seconds,
      List<Failure> failures) {
    this(filesSeen, filesIndexed, filesUnchanged, filesFailed, filesDeleted, chunks, chunksEmbedded,
        truncatedChunks, seconds, failures, List.of());
  }

  /**
   * A file that failed, and why, in words a user can act on.
   *
   * @param kind the broad reason ("encrypted", "timeout", "out-of-memory", "skipped"...; see
   *     {@link io.sextant.services.ingest.DocumentParseException.Kind#label()})
   */
  public record Failure(String path, String reason, String kind) {
    public Failure {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(reason, "reason");
      kind = kind == null || kind.isBlank() ? "other" : kind;
    }

    public Failure(String path, String reason) {
      this(path, reason, "other");
    }
  }
}
