package io.sextant.services.explore;

import java.util.SplittableRandom;

/**
 * A random-projection tree: splits the points recursively by the hyperplane halfway between two
 * random members until each leaf holds at most {@code leafSize}. Returns the points ordered leaf by
 * leaf, with the leaf boundaries.
 */
final class RpTree {

  /** Point order (leaf by leaf) and leaf boundaries: leaf j is order[bounds[j] .. bounds[j+1]). */
  record Leaves(int[] order, int[] bounds) {}

  private RpTree() {}

  static Leaves build(float[][] data, int leafSize, long seed) {
    int n = data.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    java.util.List<Integer> bounds = new java.util.ArrayList<>();
    int[] stackFrom = new int[128];
    int[] stackTo = new int[128];
    int top = 0;
    stackFrom[top] = 0;
    stackTo[top++] = n;
    int dims = n == 0 ? 0 : data[0].length;
    float[] normal = new float[dims];
    int[] leafStarts = new int[Math.max(1, 2 * n / Math.max(1, leafSize) + 8)];
    int leaves = 0;
    while (top > 0) {
      int from = stackFrom[--top];
      int to = stackTo[top];
      if (to - from <= leafSize) {
        if (leaves == leafStarts.length) {
          leafStarts = java.util.Arrays.copyOf(leafStarts, leafStarts.length * 2);
        }
        leafStarts[leaves++] = from;
        continue;
      }
      int a = order[from + r.nextInt(to - from)];
      int b = order[from + r.nextInt(to - from)];
      float[] va = data[a];
      float[] vb = data[b];
      double offset = 0;
      for (int j = 0; j < dims; j++) {
        normal[j] = va[j] - vb[j];
        offset += normal[j] * (va[j] + vb[j]) / 2.0;
      }
      // partition: left side first
      int lo = from;
      int hi = to - 1;
      while (lo <= hi) {
        float side = org.apache.lucene.util.VectorUtil.dotProduct(normal, data[order[lo]]) - (float) offset;
        boolean left = side < 0 || (side == 0 && r.nextBoolean());
        if (left) {
          lo++;
        } else {
          int tmp = order[lo];
          order[lo] = order[hi];
          order[hi] = tmp;
          hi--;
        }
      }
      int mid = lo;
      if (mid == from || mid == to) { // degenerate (duplicates): split in the middle
        mid = (from + to) >>> 1;
      }
      if (top + 2 > stackFrom.length) {
        stackFrom = java.util.Arrays.copyOf(stackFrom, stackFrom.length * 2);
        stackTo = java.util.Arrays.copyOf(stackTo, stackTo.length * 2);
      }
      stackFrom[top] = from;
      stackTo[top++] = mid;
      stackFrom[top] = mid;
      stackTo[top++] = to;
    }
    int[] starts = java.util.Arrays.copyOf(leafStarts, leaves);
    java.util.Arrays.sort(starts);
    int[] out = new int[leaves + 1];
    System.arraycopy(starts, 0, out, 0, leaves);
    out[leaves] = n;
    return new Leaves(order, out);
  }
}
