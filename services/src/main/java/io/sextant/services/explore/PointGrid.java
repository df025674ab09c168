package io.sextant.services.explore;

import java.util.Arrays;
import java.util.Objects;

/**
 * A uniform grid over the points of a 2-D projection (data coordinates). It answers the questions
 * asked of a map at 100,000 points by looking only at the grid cells involved instead of every
 * point: which point is nearest the pointer, which points lie inside a lasso (the plot), and
 * which are a point's k nearest neighbours (HDBSCAN's core distances).
 */
public final class PointGrid {

  private final float[] xs;
  private final float[] ys;
  private final double minX;
  private final double minY;
  private final double maxX;
  private final double maxY;
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
    this.maxX = hiX;
    this.maxY = hiY;
    // At most 4096 cells a side; a stretched map gets wider cells instead, so that every point
    // lies inside its cell's bounds (the ring search's stopping rule relies on it).
    double span = Math.max(Math.max(hiX - loX, hiY - loY), 1e-9);
    this.cell = c > 0 && Double.isFinite(c) ? Math.max(c, span / 4000) : 1;
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

  /** The points' bounding box {minX, maxX, minY, maxY}; {0, 1, 0, 1} when there are none. */
  public double[] bounds() {
    return new double[] {minX, maxX, minY, maxY};
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

  /** Euclidean distance between points {@code a} and {@code b}. */
  public float distance(int a, int b) {
    float dx = xs[a] - xs[b];
    float dy = ys[a] - ys[b];
    return (float) Math.sqrt(dx * dx + dy * dy);
  }

  /**
   * The {@code k} nearest other points of point {@code i}, nearest first (-1 where there are
   * fewer). Searches rings of cells around i's own and stops once a ring lies farther away than
   * the k-th best found.
   */
  public int[] nearest(int i, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    int[] best = new int[k];
    float[] bestD = new float[k];
    Arrays.fill(bestD, Float.POSITIVE_INFINITY);
    Arrays.fill(best, -1);
    int c0 = col(xs[i]);
    int r0 = row(ys[i]);
    int maxRing = Math.max(cols, rows);
    for (int ring = 0; ring <= maxRing; ring++) {
      // every point outside this ring's square is at least (ring - 1) cells from i
      if (best[k - 1] >= 0 && bestD[k - 1] < (ring - 1) * cell) {
        break;
      }
      for (int r = r0 - ring; r <= r0 + ring; r++) {
        if (r < 0 || r >= rows) {
          continue;
        }
        boolean edgeRow = r == r0 - ring || r == r0 + ring;
        // inner rows of the ring contribute only their first and last cell
        for (int c = c0 - ring; c <= c0 + ring; c += edgeRow ? 1 : 2 * Math.max(ring, 1)) {
          if (c >= 0 && c < cols) {
            int cidx = r * cols + c;
            for (int p = cellStart[cidx]; p < cellStart[cidx + 1]; p++) {
              int j = order[p];
              if (j != i) {
                insert(best, bestD, j, distance(i, j));
              }
            }
          }
          if (ring == 0) {
            break;
          }
        }
      }
    }
    return best;
  }

  private static void insert(int[] best, float[] bestD, int j, float d) {
    int pos = best.length - 1;
    if (d >= bestD[pos]) {
      return;
    }
    while (pos > 0 && bestD[pos - 1] > d) {
      bestD[pos] = bestD[pos - 1];
      best[pos] = best[pos - 1];
      pos--;
    }
    bestD[pos] = d;
    best[pos] = j;
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
