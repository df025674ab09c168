package io.sextant.services.catalog;

import java.util.Objects;

/**
 * An image file as the catalog knows it (table {@code images}, schema version 2).
 *
 * @param id row id, or 0 before it is stored
 * @param taken EXIF date taken as ISO local date-time ({@code 2024-07-01T14:03:22}), or null
 * @param status indexed or failed; a failed image has {@code error} and no dimensions
 */
public record ImageRecord(long id, long sourceId, String path, long size, long mtimeMs,
    String contentHash, int width, int height, String format, int orientation, String taken,
    String cameraMake, String cameraModel, FileStatus status, String error) {
  public ImageRecord {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(status, "status");
  }
}
