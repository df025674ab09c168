package io.sextant.views.explore;

import java.util.List;
import java.util.Objects;

/**
 * Cluster labels for the points of a {@link MapData}.
 *
 * @param method e.g. "k-means k=8" or "HDBSCAN min size 10"
 * @param labels cluster per point, -1 for noise
 * @param names a short name per cluster (its most distinctive terms), by cluster number
 */
public record Clustering(String method, int[] labels, List<String> names) {

  public Clustering {
    Objects.requireNonNull(method, "method");
    names = List.copyOf(names);
    for (int l : labels) {
      if (l < -1 || l >= names.size()) {
        throw new IllegalArgumentException("label " + l + " outside -1.." + (names.size() - 1));
      }
    }
  }
}
