package io.sextant.services.images;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be decoded, with the file and the reason in the message. */
public final class ImageDecodeException extends IOException {
  public ImageDecodeException(Path file, String reason, Throwable cause) {
    super("cannot decode image " + file + ": " + reason, cause);
  }
}
