package io.sextant.services.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One file of a source, as last seen by the indexer.
 *
 * @param id catalog id (0 for a record not stored yet)
 * @param sourceId the source it belongs to
 * @param path absolute path, unique in the catalog
 * @param size size in bytes when indexed
 * @param mtimeMs last-modified time in epoch milliseconds when indexed
 * @param contentHash SHA-256 hex of the bytes, or "" when not computed (failed files)
 * @param contentType detected media type, or ""
 * @param title document title, or ""
 * @param author author(s), or ""
 * @param created creation time from the document's metadata, or null
 * @param pageCount pages, or 0 when the format has none
 * @param language ISO 639 language code, or ""
 * @param status whether it is indexed or failed
 * @param error why it failed, or "" when indexed
 * @param indexedAt when the catalog recorded it (null for a record not stored yet)
 * @param errorKind broad reason of a failure ("encrypted", "timeout", "out-of-memory"...), or ""
 */
public record FileRecord(
    long id,
    long sourceId,
    String path,
    long size,
    long mtimeMs,
    String contentHash,
    String contentType,
    String title,
    String author,
    Instant created,
    int pageCount,
    String language,
    FileStatus status,
    String error,
    Instant indexedAt,
    String errorKind) {

  public FileRecord {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(status, "status");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("path must not be empty");
    }
    if (size < 0 || pageCount < 0) {
      throw new IllegalArgumentException(
          "size and pageCount must be >= 0, got size=" + size + " pageCount=" + pageCount);
    }
    contentHash = contentHash == null ? "" : contentHash;
    contentType = contentType == null ? "" : contentType;
    title = title == null ? "" : title;
    author = author == null ? "" : author;
    language = language == null ? "" : language;
    error = error == null ? "" : error;
    errorKind = errorKind == null ? "" : errorKind;
  }

  /** A successfully parsed file, ready for {@link Catalog#putIndexedFile}. */
  public static FileRecord indexed(long sourceId, String path, long size, long mtimeMs,
      String contentHash, String contentType, String title, String author, Instant created,
      int pageCount, String language) {
    return new FileRecord(0, sourceId, path, size, mtimeMs, contentHash, contentType, title,
        author, created, pageCount, language, FileStatus.INDEXED, "", null, "");
  }
}
