package io.sextant.views.workbench;

import io.sextant.views.common.UiState;

/**
 * Window position, size and pane dividers as stored between runs. Values that no longer fit (a
 * screen was unplugged, the file was edited) fall back to defaults instead of opening a window
 * off screen or squashed.
 */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized,
    double leftDivider, double rightDivider) {

  public static final double MIN_WIDTH = 900;
  public static final double MIN_HEIGHT = 560;
  public static final WindowGeometry DEFAULT =
      new WindowGeometry(Double.NaN, Double.NaN, 1360, 820, false, 0.22, 0.68);

  /** Reads the stored geometry, clamped to sane values. */
  public static WindowGeometry load(UiState s) {
    double w = Math.max(MIN_WIDTH, s.getDouble("window.width", DEFAULT.width));
    double h = Math.max(MIN_HEIGHT, s.getDouble("window.height", DEFAULT.height));
    double left = clamp(s.getDouble("window.divider.left", DEFAULT.leftDivider), 0.1, 0.45);
    double right = clamp(s.getDouble("window.divider.right", DEFAULT.rightDivider), left + 0.2, 0.9);
    return new WindowGeometry(s.getDouble("window.x", Double.NaN), s.getDouble("window.y", Double.NaN),
        w, h, s.getBoolean("window.maximized", false), left, right);
  }

  public void store(UiState s) {
    s.put("window.x", Double.toString(x));
    s.put("window.y", Double.toString(y));
    s.put("window.width", Double.toString(width));
    s.put("window.height", Double.toString(height));
    s.put("window.maximized", Boolean.toString(maximized));
    s.put("window.divider.left", Double.toString(leftDivider));
    s.put("window.divider.right", Double.toString(rightDivider));
  }

  /** Whether the stored top-left corner lies inside one of the screens' bounds. */
  public boolean positionedWithin(java.util.List<double[]> screens) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return false;
    }
    for (double[] b : screens) { // {minX, minY, width, height}
      if (x >= b[0] && y >= b[1] && x < b[0] + b[2] - 50 && y < b[1] + b[3] - 50) {
        return true;
      }
    }
    return false;
  }

  private static double clamp(double v, double lo, double hi) {
    return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
  }
}
