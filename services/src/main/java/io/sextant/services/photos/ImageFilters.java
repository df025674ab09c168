package io.sextant.services.photos;

import io.sextant.services.catalog.ImageRecord;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * EXIF restrictions on image results. Null means no restriction; an image without the EXIF field
 * fails a restriction on it.
 *
 * @param takenFrom first day taken (inclusive)
 * @param takenTo last day taken (inclusive)
 * @param camera text the camera's make or model must contain (case ignored)
 */
public record ImageFilters(LocalDate takenFrom, LocalDate takenTo, String camera) {
  public static final ImageFilters NONE = new ImageFilters(null, null, null);

  public ImageFilters {
    if (takenFrom != null && takenTo != null && takenFrom.isAfter(takenTo)) {
      throw new IllegalArgumentException("taken-from " + takenFrom + " is after taken-to " + takenTo);
    }
    camera = camera == null || camera.isBlank() ? null : camera.strip();
  }

  public boolean isNone() {
    return takenFrom == null && takenTo == null && camera == null;
  }

  public boolean accepts(ImageRecord r) {
    if (takenFrom != null || takenTo != null) {
      if (r.taken() == null) {
        return false;
      }
      LocalDate d = LocalDateTime.parse(r.taken()).toLocalDate();
      if ((takenFrom != null && d.isBefore(takenFrom)) || (takenTo != null && d.isAfter(takenTo))) {
        return false;
      }
    }
    if (camera != null) {
      String c = ((r.cameraMake() == null ? "" : r.cameraMake()) + " "
          + (r.cameraModel() == null ? "" : r.cameraModel())).toLowerCase(Locale.ROOT);
      return c.contains(camera.toLowerCase(Locale.ROOT));
    }
    return true;
  }
}
