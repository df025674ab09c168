package io.sextant.views.explore;

/**
 * Maps data coordinates of a 2-D projection to pixels and back, with pan and zoom. Immutable:
 * every gesture makes a new transform, so a frame is always drawn with one consistent mapping.
 *
 * <p>{@code screenX = (x - centerX) * scale + width / 2}; y grows downwards on screen, so data y
 * is flipped.
 */
public record PlotTransform(double centerX, double centerY, double scale, double width, double height) {

  /** Zoom limits relative to the fitted view: beyond them points are lost or all in one pixel. */
  public static final double MIN_ZOOM = 0.2;
  public static final double MAX_ZOOM = 2_000;

  public PlotTransform {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
    }
    if (!(width > 0) || !(height > 0)) {
      throw new IllegalArgumentException("viewport must be non-empty, got " + width + "x" + height);
    }
  }

  /** The transform that shows all of {@code [minX, maxX] x [minY, maxY]} with a margin. */
  public static PlotTransform fit(double minX, double maxX, double minY, double maxY,
      double width, double height, double marginPx) {
    double spanX = Math.max(maxX - minX, 1e-9);
    double spanY = Math.max(maxY - minY, 1e-9);
    double usableW = Math.max(1, width - 2 * marginPx);
    double usableH = Math.max(1, height - 2 * marginPx);
    double scale = Math.min(usableW / spanX, usableH / spanY);
    return new PlotTransform((minX + maxX) / 2, (minY + maxY) / 2, scale, width, height);
  }

  public double toScreenX(double x) {
    return (x - centerX) * scale + width / 2;
  }

  public double toScreenY(double y) {
    return height / 2 - (y - centerY) * scale;
  }

  public double toDataX(double sx) {
    return (sx - width / 2) / scale + centerX;
  }

  public double toDataY(double sy) {
    return centerY - (sy - height / 2) / scale;
  }

  /** Moves the view by a drag of {@code (dx, dy)} pixels. */
  public PlotTransform pan(double dx, double dy) {
    return new PlotTransform(centerX - dx / scale, centerY + dy / scale, scale, width, height);
  }

  /**
   * Zooms by {@code factor} keeping the data point under the pixel {@code (sx, sy)} fixed, within
   * {@code [MIN_ZOOM, MAX_ZOOM]} of {@code fittedScale}.
   */
  public PlotTransform zoomAt(double sx, double sy, double factor, double fittedScale) {
    double newScale = Math.max(fittedScale * MIN_ZOOM, Math.min(fittedScale * MAX_ZOOM, scale * factor));
    double dx = toDataX(sx);
    double dy = toDataY(sy);
    // keep (dx, dy) under (sx, sy): solve toScreen(d) = s for the new center
    double cx = dx - (sx - width / 2) / newScale;
    double cy = dy + (sy - height / 2) / newScale;
    return new PlotTransform(cx, cy, newScale, width, height);
  }

  /** The same view in a resized viewport (the center stays in the middle). */
  public PlotTransform resize(double newWidth, double newHeight) {
    return new PlotTransform(centerX, centerY, scale, newWidth, newHeight);
  }
}
