package io.sextant.services.explore;

import io.sextant.services.task.Cancellation;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * Approximate k nearest neighbours of every point by NN-descent (Dong, Moses and Li, 2011): start
 * from random neighbours and repeatedly try each point's neighbours' neighbours, since a neighbour
 * of a neighbour is likely a neighbour. Exact k-NN is O(n^2 d), 30 minutes at 100,000 x 384 on two
 * cores; NN-descent needs a few seconds and finds most true neighbours, which is all a layout
 * needs.
 *
 * <p>The start is a few random-projection trees' leaves ({@link RpTree}). Per point a max-heap of its current k best (root = farthest) with a "new" flag per entry; a
 * round joins new entries with new and old ones. Rounds run on several threads; heap updates take
 * a striped lock.
 */
public final class KnnGraph {

  private final int n;
  private final int k;
  private final int[] ids;
  private final float[] dists;

  private KnnGraph(int n, int k, int[] ids, float[] dists) {
    this.n = n;
    this.k = k;
    this.ids = ids;
    this.dists = dists;
  }

  public int size() {
    return n;
  }

  public int k() {
    return k;
  }

  /** The j-th neighbour of point i, nearest first after {@link #build}. */
  public int neighbour(int i, int j) {
    return ids[i * k + j];
  }

  public float distance(int i, int j) {
    return dists[i * k + j];
  }

  /**
   * @param progress receives 0..1 as rounds finish
   */
  public static KnnGraph build(float[][] data, int k, Metric metric, long seed, int threads,
      DoubleConsumer progress, Cancellation cancel) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(metric, "metric");
    int n = data.length;
    if (k < 1 || k >= n) {
      throw new IllegalArgumentException("k must be in 1.." + (n - 1) + ", got " + k);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    float[] norms = Metric.squaredNorms(data);
    int[] ids = new int[n * k];
    float[] dists = new float[n * k];
    boolean[] fresh = new boolean[n * k];
    Object[] locks = new Object[4096];
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
    // start from random-projection trees: points sharing a leaf are likely neighbours, which
    // saves most NN-descent rounds over a random start (as pynndescent does)
    int leafSize = Math.max(30, 2 * k);
    int trees = n > 50_000 ? 3 : 2;
    for (int i = 0; i < n; i++) {
      Arrays.fill(dists, i * k, i * k + k, Float.POSITIVE_INFINITY);
      Arrays.fill(ids, i * k, i * k + k, -1);
    }
    for (int t = 0; t < trees; t++) {
      cancel.check();
      RpTree.Leaves tree = RpTree.build(data, leafSize, seed * 7919 + t);
      int[] leaves = tree.order();
      int[] bounds = tree.bounds();
      int leafCount = bounds.length - 1;
      Parallel.run(threads, w -> {
        for (int leaf = w; leaf < leafCount; leaf += threads) {
          for (int a = bounds[leaf]; a < bounds[leaf + 1]; a++) {
            for (int b = a + 1; b < bounds[leaf + 1]; b++) {
              join(data, norms, metric, ids, dists, fresh, locks, k, leaves[a], leaves[b]);
            }
          }
        }
      });
    }
    // points whose leaves were too small get random neighbours to fill up
    Parallel.run(threads, t -> {
      for (int i = t; i < n; i += threads) {
        SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
        int base = i * k;
        int tries = 0;
        while (ids[base] < 0 && tries++ < 10 * k) {
          int j = r.nextInt(n);
          if (j != i) {
            synchronized (locks[i & (locks.length - 1)]) {
              push(ids, dists, fresh, base, k, j, metric.distance(data[i], data[j], norms[i], norms[j]));
            }
          }
        }
      }
    });
    int sample = k;
    int maxRounds = 8;
    int[] newC = new int[n * 2 * sample];
    int[] oldC = new int[n * 2 * sample];
    int[] newCount = new int[n];
    int[] oldCount = new int[n];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int round = 0; round < maxRounds; round++) {
      cancel.check();
      Arrays.fill(newCount, 0);
      Arrays.fill(oldCount, 0);
      // forward candidates: a sample of the new entries (marked old once sampled), all old ones
      for (int i = 0; i < n; i++) {
        int base = i * k;
        int taken = 0;
        int start = rnd.nextInt(k);
        for (int jj = 0; jj < k; jj++) {
          int e = base + (start + jj) % k;
          int j = ids[e];
          if (j < 0) {
            continue;
          }
          if (fresh[e]) {
            if (taken < sample) {
              taken++;
              fresh[e] = false;
              add(newC, newCount, i, j, sample, rnd);
              add(newC, newCount, j, i, sample, rnd); // reverse neighbour
            }
          } else {
            add(oldC, oldCount, i, j, sample, rnd);
            add(oldC, oldCount, j, i, sample, rnd);
          }
        }
      }
      long[] updates = new long[threads];
      int cap = 2 * sample;
      Parallel.run(threads, t -> {
        long u = 0;
        for (int i = t; i < n; i += threads) {
          int nb = i * cap;
          int nn = newCount[i];
          int on = oldCount[i];
          for (int a = 0; a < nn; a++) {
            int p = newC[nb + a];
            for (int b = a + 1; b < nn; b++) {
              u += join(data, norms, metric, ids, dists, fresh, locks, k, p, newC[nb + b]);
            }
            for (int b = 0; b < on; b++) {
              u += join(data, norms, metric, ids, dists, fresh, locks, k, p, oldC[nb + b]);
            }
          }
        }
        updates[t] = u;
      });
      long total = Arrays.stream(updates).sum();
      progress.accept((round + 1.0) / maxRounds);
      if (total <= 0.001 * n * k) {
        break;
      }
    }
    progress.accept(1.0);
    // sort each row nearest first
    Integer[] order = new Integer[k];
    int[] rowIds = new int[k];
    float[] rowDists = new float[k];
    for (int i = 0; i < n; i++) {
      int base = i * k;
      for (int j = 0; j < k; j++) {
        order[j] = j;
      }
      Arrays.sort(order, (x, y) -> Float.compare(dists[base + x], dists[base + y]));
      for (int j = 0; j < k; j++) {
        rowIds[j] = ids[base + order[j]];
        rowDists[j] = dists[base + order[j]];
      }
      System.arraycopy(rowIds, 0, ids, base, k);
      System.arraycopy(rowDists, 0, dists, base, k);
    }
    return new KnnGraph(n, k, ids, dists);
  }

  /** Adds j to i's candidate list, replacing a random entry once full (a bounded sample). */
  private static void add(int[] lists, int[] counts, int i, int j, int sample, SplittableRandom r) {
    int cap = 2 * sample;
    int c = counts[i];
    int base = i * cap;
    for (int x = 0; x < c; x++) {
      if (lists[base + x] == j) {
        return;
      }
    }
    if (c < cap) {
      lists[base + c] = j;
      counts[i] = c + 1;
    } else {
      lists[base + r.nextInt(cap)] = j;
    }
  }

  private static int join(float[][] data, float[] norms, Metric metric, int[] ids, float[] dists,
      boolean[] fresh, Object[] locks, int k, int p, int q) {
    if (p == q) {
      return 0;
    }
    // skip the distance when it could not enter either heap
    float worst = Math.max(dists[p * k], dists[q * k]);
    float d = metric.distance(data[p], data[q], norms[p], norms[q]);
    if (d >= worst) {
      return 0;
    }
    int u = 0;
    synchronized (locks[p & (locks.length - 1)]) {
      u += push(ids, dists, fresh, p * k, k, q, d) ? 1 : 0;
    }
    synchronized (locks[q & (locks.length - 1)]) {
      u += push(ids, dists, fresh, q * k, k, p, d) ? 1 : 0;
    }
    return u;
  }

  /** Offers j at distance d to the max-heap at base; true if it entered. */
  private static boolean push(int[] ids, float[] dists, boolean[] fresh, int base, int k, int j, float d) {
    if (d >= dists[base]) {
      return false;
    }
    for (int x = 0; x < k; x++) {
      if (ids[base + x] == j) {
        return false;
      }
    }
    // replace the root (the farthest) and sift down
    int pos = 0;
    while (true) {
      int l = 2 * pos + 1;
      int r = l + 1;
      int big = pos;
      float bigD = d;
      if (l < k && dists[base + l] > bigD) {
        big = l;
        bigD = dists[base + l];
      }
      if (r < k && dists[base + r] > bigD) {
        big = r;
      }
      if (big == pos) {
        break;
      }
      ids[base + pos] = ids[base + big];
      dists[base + pos] = dists[base + big];
      fresh[base + pos] = fresh[base + big];
      pos = big;
    }
    ids[base + pos] = j;
    dists[base + pos] = d;
    fresh[base + pos] = true;
    return true;
  }
}
