package io.sextant.views.explore;

import java.util.Arrays;
import java.util.Objects;

/**
 * Draws scatter points straight into an ARGB pixel array (premultiplied, as JavaFX's
 * {@code PixelBuffer} wants it). At 100,000 points this is a few milliseconds per frame, where
 * one {@code GraphicsContext.fillOval} per point is far too slow to pan smoothly. Small
 * overlays (the query, its hits, the hovered point) are drawn on a canvas above.
 */
public final class PointRaster {

  private final int width;
  private final int height;
  private final int[] pixels;

  public PointRaster(int width, int height) {
    if (width < 1 || height < 1 || (long) width * height > 64_000_000L) {
      throw new IllegalArgumentException("bad raster size " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.pixels = new int[width * height];
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixels, row by row, premultiplied ARGB. */
  public int[] pixels() {
    return pixels;
  }

  public void clear(int argb) {
    Arrays.fill(pixels, premultiply(argb));
  }

  /**
   * Draws every point as a {@code size}x{@code size} square in its category's colour at
   * {@code alpha} (0–255) over what is there, so dense regions read darker. Points whose
   * category is negative are skipped (filtered out).
   */
  public void draw(float[] xs, float[] ys, int[] category, int[] palette, PlotTransform t,
      int size, int alpha) {
    Objects.requireNonNull(t, "transform");
    if (xs.length != ys.length || xs.length != category.length) {
      throw new IllegalArgumentException("xs, ys and category must have one entry per point");
    }
    if (size < 1 || size > 16 || alpha < 1 || alpha > 255) {
      throw new IllegalArgumentException("size 1..16 and alpha 1..255, got " + size + ", " + alpha);
    }
    int half = size / 2;
    double cx = t.centerX();
    double cy = t.centerY();
    double s = t.scale();
    double w2 = t.width() / 2;
    double h2 = t.height() / 2;
    int[] src = new int[palette.length];
    for (int i = 0; i < palette.length; i++) {
      src[i] = premultiply((palette[i] & 0x00FFFFFF) | (alpha << 24));
    }
    int inv = 255 - alpha;
    for (int i = 0; i < xs.length; i++) {
      int cat = category[i];
      if (cat < 0) {
        continue;
      }
      int px = (int) ((xs[i] - cx) * s + w2) - half;
      int py = (int) (h2 - (ys[i] - cy) * s) - half;
      if (px >= width || py >= height || px + size <= 0 || py + size <= 0) {
        continue;
      }
      int color = src[cat % src.length];
      int x0 = Math.max(0, px);
      int x1 = Math.min(width, px + size);
      int y0 = Math.max(0, py);
      int y1 = Math.min(height, py + size);
      for (int y = y0; y < y1; y++) {
        int row = y * width;
        for (int x = x0; x < x1; x++) {
          pixels[row + x] = over(color, pixels[row + x], inv);
        }
      }
    }
  }

  /**
   * Source-over of a premultiplied colour with alpha {@code 255 - inv} onto {@code dst}: each
   * channel becomes {@code src + dst * inv / 255}. Two channels are scaled per multiply (SWAR),
   * which is what makes 100,000 translucent points per frame cheap. With premultiplied colours
   * a channel cannot exceed 255, so no clamping is needed.
   */
  static int over(int src, int dst, int inv) {
    int rb = (dst & 0x00FF00FF) * inv + 0x00800080;
    rb = ((rb + ((rb >>> 8) & 0x00FF00FF)) >>> 8) & 0x00FF00FF;
    int ag = ((dst >>> 8) & 0x00FF00FF) * inv + 0x00800080;
    ag = (ag + ((ag >>> 8) & 0x00FF00FF)) & 0xFF00FF00;
    return src + (rb | ag);
  }

  static int premultiply(int argb) {
    int a = argb >>> 24;
    if (a == 255) {
      return argb;
    }
    int r = ((argb >> 16) & 0xFF) * a / 255;
    int g = ((argb >> 8) & 0xFF) * a / 255;
    int b = (argb & 0xFF) * a / 255;
    return (a << 24) | (r << 16) | (g << 8) | b;
  }
}
