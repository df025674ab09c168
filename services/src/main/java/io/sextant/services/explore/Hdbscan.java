package io.sextant.services.explore;

import io.sextant.services.task.Cancellation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HDBSCAN (Campello, Moulavi and Sander, 2013) on 2-D map points: density-based clusters of any
 * shape with noise, and no k to choose. Core distance = distance to the min-size-th neighbour;
 * single-linkage hierarchy over mutual reachability distances; condensed by the minimum cluster
 * size; flat clusters chosen by excess of mass.
 *
 * <p>One approximation: the minimum spanning tree is taken over each point's nearest neighbours
 * (found with a grid) instead of all pairs, which is O(n^2) and an hour at 100,000 points. Where
 * that graph falls apart, the parts join at the top of the hierarchy, so they become separate
 * clusters, which is what a gap that wide means anyway.
 */
public final class Hdbscan {

  private Hdbscan() {}

  /** Cluster per point, numbered by size from 0, or -1 for noise. */
  public static int[] cluster(float[] xs, float[] ys, int minClusterSize, Cancellation cancel) {
    int n = xs.length;
    if (minClusterSize < 2) {
      throw new IllegalArgumentException("min cluster size must be >= 2, got " + minClusterSize);
    }
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    if (n < minClusterSize) {
      return labels;
    }
    int minPts = Math.min(minClusterSize, n - 1);
    int kk = Math.min(n - 1, Math.max(minPts, 15));
    PointGrid grid = new PointGrid(xs, ys, 4);
    int[][] nbr = new int[n][];
    float[][] nd = new float[n][];
    float[] core = new float[n];
    for (int i = 0; i < n; i++) {
      if ((i & 4095) == 0) {
        cancel.check();
      }
      nbr[i] = grid.nearest(i, kk);
      nd[i] = new float[kk];
      for (int j = 0; j < kk; j++) {
        nd[i][j] = grid.distance(i, nbr[i][j]);
      }
      core[i] = nd[i][minPts - 1]; // self counts as the first of min-size points
    }
    // mutual reachability edges, sorted by weight
    int edges = n * kk;
    long[] order = new long[edges];
    float[] w = new float[edges];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < kk; j++) {
        int e = i * kk + j;
        w[e] = Math.max(nd[i][j], Math.max(core[i], core[nbr[i][j]]));
        order[e] = ((long) Float.floatToIntBits(w[e]) << 32) | e; // non-negative floats sort as ints
      }
    }
    Arrays.sort(order);
    cancel.check();
    // Kruskal, recording the single-linkage merges as tree nodes n..2n-2
    int[] parent = new int[n];
    int[] nodeOf = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      nodeOf[i] = i;
    }
    int[] left = new int[n - 1];
    int[] right = new int[n - 1];
    float[] height = new float[n - 1];
    int[] size = new int[2 * n - 1];
    Arrays.fill(size, 0, n, 1);
    int merges = 0;
    float maxW = 0;
    for (long o : order) {
      int e = (int) o;
      int a = find(parent, e / kk);
      int b = find(parent, nbr[e / kk][e % kk]);
      if (a == b) {
        continue;
      }
      left[merges] = nodeOf[a];
      right[merges] = nodeOf[b];
      height[merges] = w[e];
      maxW = Math.max(maxW, w[e]);
      size[n + merges] = size[nodeOf[a]] + size[nodeOf[b]];
      parent[a] = b;
      nodeOf[b] = n + merges;
      merges++;
    }
    // parts the neighbour graph left apart join above everything else
    for (int i = 0; i < n && merges < n - 1; i++) {
      int a = find(parent, i);
      int b = find(parent, 0);
      if (a != b) {
        left[merges] = nodeOf[a];
        right[merges] = nodeOf[b];
        height[merges] = maxW * 2 + 1;
        size[n + merges] = size[nodeOf[a]] + size[nodeOf[b]];
        parent[a] = b;
        nodeOf[b] = n + merges;
        merges++;
      }
    }
    return condenseAndSelect(n, left, right, height, size, minClusterSize);
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  private static int[] condenseAndSelect(int n, int[] left, int[] right, float[] height, int[] size,
      int mcs) {
    List<Integer> clusterParent = new ArrayList<>();
    List<Double> birth = new ArrayList<>();
    List<Double> stability = new ArrayList<>();
    clusterParent.add(-1);
    birth.add(0.0);
    stability.add(0.0);
    int[] fellFrom = new int[n];
    double[] fellAt = new double[n];
    int root = 2 * n - 2;
    int[] stackNode = new int[2 * n];
    int[] stackCluster = new int[2 * n];
    int top = 0;
    stackNode[top] = root;
    stackCluster[top++] = 0;
    while (top > 0) {
      int node = stackNode[--top];
      int c = stackCluster[top];
      if (node < n) { // a single point at the bottom of a cluster
        fellFrom[node] = c;
        fellAt[node] = Double.MAX_VALUE;
        continue;
      }
      int m = node - n;
      double lambda = 1.0 / Math.max(height[m], 1e-9);
      int l = left[m];
      int r = right[m];
      boolean bigL = size[l] >= mcs;
      boolean bigR = size[r] >= mcs;
      if (bigL && bigR) {
        for (int child : new int[] {l, r}) {
          int id = clusterParent.size();
          clusterParent.add(c);
          birth.add(lambda);
          stability.add(0.0);
          stackNode[top] = child;
          stackCluster[top++] = id;
        }
      } else {
        if (!bigL) {
          fallOut(l, n, left, right, c, lambda, fellFrom, fellAt);
        } else {
          stackNode[top] = l;
          stackCluster[top++] = c;
        }
        if (!bigR) {
          fallOut(r, n, left, right, c, lambda, fellFrom, fellAt);
        } else {
          stackNode[top] = r;
          stackCluster[top++] = c;
        }
      }
    }
    int clusters = clusterParent.size();
    double[] stab = new double[clusters];
    for (int p = 0; p < n; p++) {
      int c = fellFrom[p];
      double at = fellAt[p] == Double.MAX_VALUE ? birth.get(c) : fellAt[p];
      stab[c] += at - birth.get(c);
    }
    List<List<Integer>> children = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      children.add(new ArrayList<>());
    }
    for (int c = 1; c < clusters; c++) {
      children.get(clusterParent.get(c)).add(c);
    }
    // points in each cluster at its birth: those falling out of it or any descendant
    int[] members = new int[clusters];
    for (int p = 0; p < n; p++) {
      members[fellFrom[p]]++;
    }
    for (int c = clusters - 1; c >= 1; c--) { // children have larger ids than their parents
      members[clusterParent.get(c)] += members[c];
    }
    // a child cluster's points stayed in the parent until the split
    for (int c = 1; c < clusters; c++) {
      int p = clusterParent.get(c);
      stab[p] += (birth.get(c) - birth.get(p)) * members[c];
    }
    boolean[] selected = new boolean[clusters];
    double[] best = stab.clone();
    for (int c = clusters - 1; c >= 1; c--) {
      double sum = 0;
      for (int ch : children.get(c)) {
        sum += best[ch];
      }
      if (!children.get(c).isEmpty() && sum > stab[c]) {
        best[c] = sum;
      } else {
        selected[c] = true;
        deselectBelow(c, children, selected);
      }
    }
    // each point belongs to its selected ancestor-or-self, if any
    int[] owner = new int[clusters];
    Arrays.fill(owner, -1);
    for (int c = 1; c < clusters; c++) { // parents first
      owner[c] = selected[c] ? c : owner[clusterParent.get(c)];
    }
    int[] labels = new int[n];
    for (int p = 0; p < n; p++) {
      labels[p] = owner[fellFrom[p]];
    }
    return Labels.bySize(labels, clusters);
  }

  private static void deselectBelow(int c, List<List<Integer>> children, boolean[] selected) {
    List<Integer> todo = new ArrayList<>(children.get(c));
    while (!todo.isEmpty()) {
      int x = todo.remove(todo.size() - 1);
      selected[x] = false;
      todo.addAll(children.get(x));
    }
  }

  private static void fallOut(int node, int n, int[] left, int[] right, int c, double lambda,
      int[] fellFrom, double[] fellAt) {
    List<Integer> todo = new ArrayList<>(List.of(node));
    while (!todo.isEmpty()) {
      int x = todo.remove(todo.size() - 1);
      if (x < n) {
        fellFrom[x] = c;
        fellAt[x] = lambda;
      } else {
        todo.add(left[x - n]);
        todo.add(right[x - n]);
      }
    }
  }
}
