package io.sextant.services.explore;

import java.util.Arrays;

/**
 * Nearest neighbours among 2-D points through a uniform grid of about four points per cell: a
 * query looks at rings of cells around its own until the ring is farther than its k-th best.
 */
final class Grid2d {

  private final float[] xs;
  private final float[] ys;
  private final float minX;
  private final float minY;
  private final float cell;
  private final int cols;
  private final int rows;
  private final int[] start;
  private final int[] points;

  Grid2d(float[] xs, float[] ys) {
    this.xs = xs;
    this.ys = ys;
    int n = xs.length;
    float x0 = Float.POSITIVE_INFINITY;
    float x1 = Float.NEGATIVE_INFINITY;
    float y0 = Float.POSITIVE_INFINITY;
    float y1 = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      x0 = Math.min(x0, xs[i]);
      x1 = Math.max(x1, xs[i]);
      y0 = Math.min(y0, ys[i]);
      y1 = Math.max(y1, ys[i]);
    }
    minX = x0;
    minY = y0;
    float w = Math.max(x1 - x0, 1e-6f);
    float h = Math.max(y1 - y0, 1e-6f);
    float c = (float) Math.sqrt(w * h * 4.0 / Math.max(1, n));
    int cap = 2048; // bounds the grid for very stretched maps
    cell = Math.max(c, Math.max(w, h) / cap);
    cols = Math.min(cap, (int) (w / cell) + 1);
    rows = Math.min(cap, (int) (h / cell) + 1);
    int[] counts = new int[cols * rows + 1];
    int[] cellOf = new int[n];
    for (int i = 0; i < n; i++) {
      cellOf[i] = cellIndex(col(xs[i]), row(ys[i]));
      counts[cellOf[i] + 1]++;
    }
    for (int i = 0; i < cols * rows; i++) {
      counts[i + 1] += counts[i];
    }
    start = counts.clone();
    points = new int[n];
    int[] fill = Arrays.copyOf(counts, counts.length);
    for (int i = 0; i < n; i++) {
      points[fill[cellOf[i]]++] = i;
    }
  }

  private int col(float x) {
    return Math.min(cols - 1, Math.max(0, (int) ((x - minX) / cell)));
  }

  private int row(float y) {
    return Math.min(rows - 1, Math.max(0, (int) ((y - minY) / cell)));
  }

  private int cellIndex(int c, int r) {
    return r * cols + c;
  }

  float distance(int a, int b) {
    float dx = xs[a] - xs[b];
    float dy = ys[a] - ys[b];
    return (float) Math.sqrt(dx * dx + dy * dy);
  }

  /** The k nearest other points of point i, nearest first. */
  int[] nearest(int i, int k) {
    int[] best = new int[k];
    float[] bestD = new float[k];
    Arrays.fill(bestD, Float.POSITIVE_INFINITY);
    Arrays.fill(best, -1);
    int c0 = col(xs[i]);
    int r0 = row(ys[i]);
    int maxRing = Math.max(cols, rows);
    for (int ring = 0; ring <= maxRing; ring++) {
      // every point outside this ring's square is at least (ring) cells away from the cell edge
      if (best[k - 1] >= 0 && bestD[k - 1] < (ring - 1) * cell) {
        break;
      }
      for (int r = r0 - ring; r <= r0 + ring; r++) {
        if (r < 0 || r >= rows) {
          continue;
        }
        boolean edgeRow = r == r0 - ring || r == r0 + ring;
        for (int c = c0 - ring; c <= c0 + ring; c += edgeRow ? 1 : 2 * Math.max(ring, 1)) {
          if (c < 0 || c >= cols) {
            continue;
          }
          int cellId = cellIndex(c, r);
          for (int p = start[cellId]; p < start[cellId + 1]; p++) {
            int j = points[p];
            if (j == i) {
              continue;
            }
            float d = distance(i, j);
            if (d < bestD[k - 1]) {
              int pos = k - 1;
              while (pos > 0 && bestD[pos - 1] > d) {
                bestD[pos] = bestD[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
              }
              bestD[pos] = d;
              best[pos] = j;
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
}
