package io.sextant.services.images;

import java.util.Objects;

/**
 * An 8-bit RGB raster, one int per pixel ({@code 0xRRGGBB}), rows top to bottom. The common form
 * between decoding, orientation, resampling and the model tensor.
 */
public record RgbImage(int width, int height, int[] pixels) {
  public RgbImage {
    Objects.requireNonNull(pixels, "pixels");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
    }
    if ((long) width * height != pixels.length) {
      throw new IllegalArgumentException(pixels.length + " pixels for " + width + "x" + height);
    }
  }

  public int rgb(int x, int y) {
    return pixels[y * width + x];
  }

  /** The {@code w x h} region at ({@code left}, {@code top}). */
  public RgbImage crop(int left, int top, int w, int h) {
    if (left < 0 || top < 0 || left + w > width || top + h > height) {
      throw new IllegalArgumentException("crop " + w + "x" + h + "+" + left + "+" + top
          + " outside " + width + "x" + height);
    }
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(pixels, (top + y) * width + left, out, y * w, w);
    }
    return new RgbImage(w, h, out);
  }

  /**
   * Applies an EXIF orientation (1-8) so the image is upright, as Pillow's
   * {@code ImageOps.exif_transpose} does; other values leave the image as it is.
   */
  public RgbImage oriented(int exifOrientation) {
    int w = width;
    int h = height;
    return switch (exifOrientation) {
      case 2 -> map(w, h, (x, y) -> rgb(w - 1 - x, y));
      case 3 -> map(w, h, (x, y) -> rgb(w - 1 - x, h - 1 - y));
      case 4 -> map(w, h, (x, y) -> rgb(x, h - 1 - y));
      case 5 -> map(h, w, (x, y) -> rgb(y, x));                 // transpose
      case 6 -> map(h, w, (x, y) -> rgb(y, h - 1 - x));         // 90 degrees clockwise
      case 7 -> map(h, w, (x, y) -> rgb(w - 1 - y, h - 1 - x)); // transverse
      case 8 -> map(h, w, (x, y) -> rgb(w - 1 - y, x));         // 90 degrees anticlockwise
      default -> this;
    };
  }

  private interface Source {
    int at(int x, int y);
  }

  private static RgbImage map(int w, int h, Source src) {
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out[y * w + x] = src.at(x, y);
      }
    }
    return new RgbImage(w, h, out);
  }
}
