package io.sextant.services.explore;

import java.util.Objects;

/**
 * A 2-D layout: one (x, y) per input vector, in input order.
 *
 * @param method how it was made, e.g. "PCA" or "UMAP n=15 d=0.1 cosine"
 * @param xs x per point
 * @param ys y per point
 * @param millis how long it took to compute (0 when it came from a cache)
 */
public record Layout(String method, float[] xs, float[] ys, long millis) {
  public Layout {
    Objects.requireNonNull(method, "method");
    if (xs.length != ys.length) {
      throw new IllegalArgumentException(xs.length + " xs but " + ys.length + " ys");
    }
  }

  public int size() {
    return xs.length;
  }

  /** The same layout, marked as read from a cache. */
  public Layout cached() {
    return new Layout(method, xs, ys, 0);
  }
}
