package io.sextant.services.images;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * What an image file says about itself. Fields the file does not carry are empty.
 *
 * @param width upright width in pixels (after the EXIF orientation)
 * @param height upright height in pixels
 * @param format the decoder's format name (jpeg, png, ...)
 * @param orientation EXIF orientation 1-8 (1 when absent)
 * @param taken EXIF DateTimeOriginal, in the camera's local time (EXIF has no time zone)
 * @param cameraMake EXIF Make
 * @param cameraModel EXIF Model
 */
public record ImageMetadata(int width, int height, String format, int orientation,
    Optional<LocalDateTime> taken, Optional<String> cameraMake, Optional<String> cameraModel) {

  /** "Make Model" without repeating the make when the model already starts with it. */
  public Optional<String> camera() {
    if (cameraModel.isEmpty()) {
      return cameraMake;
    }
    String model = cameraModel.get();
    if (cameraMake.isEmpty() || model.toLowerCase().startsWith(cameraMake.get().toLowerCase())) {
      return Optional.of(model);
    }
    return Optional.of(cameraMake.get() + " " + model);
  }
}
