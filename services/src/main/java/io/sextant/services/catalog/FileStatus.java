package io.sextant.services.catalog;

/** Outcome of the last attempt to index a file. */
public enum FileStatus {
  /** Parsed and chunked; its chunks are in the catalog. */
  INDEXED,
  /** Could not be parsed; {@link FileRecord#error()} says why. It has no chunks. */
  FAILED;

  String sql() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static FileStatus fromSql(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
