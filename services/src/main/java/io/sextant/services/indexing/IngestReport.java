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
 * @param timing where the wall time went (zeros where the run did not measure it)
 */
public record IngestReport(
    int filesSeen, int filesIndexed, int filesUnchanged, int filesFailed, int filesDeleted,
    long chunks, long chunksEmbedded, long truncatedChunks, double seconds,
    List<Failure> failures, List<Failure> notes, Timing timing) {

  public IngestReport {
    failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
    Objects.requireNonNull(timing, "timing");
  }

  /** A report without timing. */
  public IngestReport(
      int filesSeen, int filesIndexed, int filesUnchanged, int filesFailed, int filesDeleted,
      long chunks, long chunksEmbedded, long truncatedChunks, double seconds,
      List<Failure> failures, List<Failure> notes) {
    this(filesSeen, filesIndexed, filesUnchanged, filesFailed, filesDeleted, chunks, chunksEmbedded,
        truncatedChunks, seconds, failures, notes, Timing.NONE);
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
   * Where an ingest's wall time went, to show whether inference or parsing limits it. The ingest
   * thread embeds and indexes while the parse lane parses and chunks the next files; when
   * parsing keeps up, {@code parserWaitSeconds} stays near zero and the run takes about
   * {@code embedSeconds + indexSeconds}.
   *
   * @param parseSeconds time the parse lane spent parsing and chunking (summed over its threads)
   * @param parserWaitSeconds time the ingest thread sat idle waiting for a file to be parsed
   * @param embedSeconds time the ingest thread spent computing vectors (cache look-ups included)
   * @param indexSeconds time the ingest thread spent writing and committing the index and catalog
   */
  public record Timing(double parseSeconds, double parserWaitSeconds, double embedSeconds, double indexSeconds) {
    /** For runs that did not measure. */
    public static final Timing NONE = new Timing(0, 0, 0, 0);

    public Timing {
      if (!(parseSeconds >= 0 && parserWaitSeconds >= 0 && embedSeconds >= 0 && indexSeconds >= 0)) {
        throw new IllegalArgumentException("negative or NaN time in " + parseSeconds + ", "
            + parserWaitSeconds + ", " + embedSeconds + ", " + indexSeconds);
      }
    }

    /** Both runs' times added (an ingest of documents and one of images). */
    public Timing plus(Timing other) {
      return new Timing(parseSeconds + other.parseSeconds, parserWaitSeconds + other.parserWaitSeconds,
          embedSeconds + other.embedSeconds, indexSeconds + other.indexSeconds);
    }
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
