package io.sextant.services.explore;

import java.util.Arrays;

/** Small helpers over cluster label arrays. */
final class Labels {

  private Labels() {}

  /**
   * Renumbers labels 0..m-1 by cluster size, largest first, dropping empty clusters; -1 (noise)
   * stays -1. A stable numbering makes colours and legend order follow size.
   */
  static int[] bySize(int[] labels, int clusters) {
    int[] counts = new int[clusters];
    for (int l : labels) {
      if (l >= 0) {
        counts[l]++;
      }
    }
    Integer[] order = new Integer[clusters];
    for (int c = 0; c < clusters; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (a, b) -> counts[b] != counts[a] ? Integer.compare(counts[b], counts[a])
        : Integer.compare(a, b));
    int[] newId = new int[clusters];
    Arrays.fill(newId, -1);
    int next = 0;
    for (int c : order) {
      if (counts[c] > 0) {
        newId[c] = next++;
      }
    }
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i] < 0 ? -1 : newId[labels[i]];
    }
    return out;
  }

  /** Number of clusters (max label + 1). */
  static int count(int[] labels) {
    int max = -1;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    return max + 1;
  }
}
