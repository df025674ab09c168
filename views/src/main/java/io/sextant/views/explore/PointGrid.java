package io.sextant.views.explore;

import java.util.Arrays;
import java.util.Objects;

/**
 * A uniform grid over the points of a projection (data coordinates), for the two questions the
 * mouse asks at 100,000 points: which point is nearest the pointer, and which points lie inside
 * a lasso. Both look only at the grid cells involved instead of every point.
 */
public final class PointGrid {

  private final float[] xs;
  private final float[] ys;
  private final double minX;
  private final double minY;
  private final double cell;
  private final int cols;
  private final int rows;
  private final int[] cellStart; // CSR layout: points of cell c are order[cellStart[c] .. cellStart[c+1])
  private final int[] order;

  /** Builds the grid with about {@code pointsPerCell} points per cell on average. */
  public PointGrid(float[] xs, float[] ys, int pointsPerCell) {
    this.xs = Objects.requireNonNull(xs, "xs");
    this.ys = Objects.requireNonNull(ys, "ys");
    if (xs.length != ys.length) {
      throw new IllegalArgumentException("xs and ys differ in length: " + xs.length + " vs " + ys.length);
    }
    if (pointsPerCell < 1) {
      throw new IllegalArgumentException("pointsPerCell must be >= 1");
    }
    int n = xs.length;
    double loX = Double.POSITIVE_INFINITY;
    double loY = Double.POSITIVE_INFINITY;
    double hiX = Double.NEGATIVE_INFINITY;
    double hiY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      loX = Math.min(loX, xs[i]);
      hiX = Math.max(hiX, xs[i]);
      loY = Math.min(loY, ys[i]);
      hiY = Math.max(hiY, ys[i]);
    }
    if (n == 0) {
      loX = loY = 0;
      hiX = hiY = 1;
    }
    double area = Math.max(hiX - loX, 1e-9) * Math.max(hiY - loY, 1e-9);
    double c = Math.sqrt(area * pointsPerCell / Math.max(1, n));
    this.minX = loX;
    this.minY = loY;
    this.cell = c > 0 && Double.isFinite(c) ? c : 1;
    this.cols = Math.max(1, (int) Math.min(4096, Math.ceil(Math.max(hiX - loX, 1e-9) / cell) + 1));
    this.rows = Math.max(1, (int) Math.min(4096, Math.ceil(Math.max(hiY - loY, 1e-9) / cell) + 1));
    int[] counts = new int[cols * rows + 1];
    int[] cellOf = new int[n];
    for (int i = 0; i < n; i++) {
      cellOf[i] = cellIndex(xs[i], ys[i]);
      counts[cellOf[i] + 1]++;
    }
    for (int k = 1; k < counts.length; k++) {
      counts[k] += counts[k - 1];
    }
    this.cellStart = Arrays.copyOf(counts, counts.length);
    this.order = new int[n];
    int[] fill = Arrays.copyOf(counts, counts.length);
    for (int i = 0; i < n; i++) {
      order[fill[cellOf[i]]++] = i;
    }
  }

  public int size() {
    return xs.length;
  }

  private int col(double x) {
    return Math.max(0, Math.min(cols - 1, (int) ((x - minX) / cell)));
  }

  private int row(double y) {
    return Math.max(0, Math.min(rows - 1, (int) ((y - minY) / cell)));
  }

  private int cellIndex(double x, double y) {
    return row(y) * cols + col(x);
  }

  /** The point nearest {@code (x, y)} within {@code radius} (data units), or -1. */
  public int nearest(double x, double y, double radius) {
    int best = -1;
    double bestD = radius * radius;
    for (int r = row(y - radius); r <= row(y + radius); r++) {
      for (int c = col(x - radius); c <= col(x + radius); c++) {
        int cidx = r * cols + c;
        for (int k = cellStart[cidx]; k < cellStart[cidx + 1]; k++) {
          int i = order[k];
          double dx = xs[i] - x;
          double dy = ys[i] - y;
          double d = dx * dx + dy * dy;
          if (d <= bestD) {
            bestD = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

  /**
   * Indices of the points inside the polygon {@code (px[i], py[i])} (data units, implicitly
   * closed), ascending. Uses the even-odd rule, so a self-crossing lasso behaves predictably.
   */
  public int[] inside(double[] px, double[] py) {
    if (px.length != py.length || px.length < 3) {
      return new int[0];
    }
    double loX = Double.POSITIVE_INFINITY;
    double hiX = Double.NEGATIVE_INFINITY;
    double loY = Double.POSITIVE_INFINITY;
    double hiY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < px.length; i++) {
      loX = Math.min(loX, px[i]);
      hiX = Math.max(hiX, px[i]);
      loY = Math.min(loY, py[i]);
      hiY = Math.max(hiY, py[i]);
    }
    int[] out = new int[16];
    int n = 0;
    for (int r = row(loY); r <= row(hiY); r++) {
      for (int c = col(loX); c <= col(hiX); c++) {
        int cidx = r * cols + c;
        for (int k = cellStart[cidx]; k < cellStart[cidx + 1]; k++) {
          int i = order[k];
          if (xs[i] >= loX && xs[i] <= hiX && ys[i] >= loY && ys[i] <= hiY
              && contains(px, py, xs[i], ys[i])) {
            if (n == out.length) {
              out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = i;
          }
        }
      }
    }
    int[] result = Arrays.copyOf(out, n);
    Arrays.sort(result);
    return result;
  }

  /** Even-odd point-in-polygon test (ray casting to the right). */
  static boolean contains(double[] px, double[] py, double x, double y) {
    boolean in = false;
    for (int i = 0, j = px.length - 1; i < px.length; j = i++) {
      if ((py[i] > y) != (py[j] > y)
          && x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i]) {
        in = !in;
      }
    }
    return in;
  }
}
