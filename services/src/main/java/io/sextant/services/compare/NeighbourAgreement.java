package io.sextant.services.compare;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.index.VectorMath;
import io.sextant.services.task.Cancellation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Corpus-level agreement of two embedding models: for each passage, the share of its {@code k}
 * nearest neighbours (by cosine, the passage itself excluded) that both models pick; averaged over
 * passages. 1 means the models see the same neighbourhoods, a value near k/N means they agree no
 * more than chance.
 *
 * <p>Neighbours are exact (brute force over every passage both models have a vector for), so the
 * number does not depend on HNSW's recall. That costs N dot products per passage and model, so on
 * a large corpus only a random sample of passages (fixed seed: the same corpus gives the same
 * number) is scored, each still against all N; the result says how many were.
 */
public final class NeighbourAgreement {

  /** Passages scored when the corpus is larger; the standard error of the mean is then ~0.5 %. */
  public static final int DEFAULT_SAMPLE = 2_000;
  static final long SEED = 20_100_101L;

  /**
   * @param agreement mean share of shared neighbours, in 0..1
   * @param k neighbours per passage
   * @param passages passages both models have vectors for (the neighbour pool)
   * @param scored passages whose neighbourhoods were compared ({@code < passages} when sampled)
   */
  public record Result(double agreement, int k, int passages, int scored) {
    public boolean sampled() {
      return scored < passages;
    }
  }

  private final int k;
  private final int sample;

  public NeighbourAgreement(int k, int sample) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    if (sample < 1) {
      throw new IllegalArgumentException("sample must be at least 1, got " + sample);
    }
    this.k = k;
    this.sample = sample;
  }

  /**
   * Compares the models' vectors of the same passages. Keys present in only one map are left
   * out; vectors need not be unit length.
   */
  public <K extends Comparable<K>> Result measure(Map<K, float[]> a, Map<K, float[]> b,
      Cancellation cancel) {
    return measureEach(a, b, cancel).result();
  }

  /**
   * Each scored passage's agreement (share of its k nearest neighbours both models pick) and the
   * overall result, which is their mean.
   *
   * @param shared agreement per scored passage's key, in 0..1 (every common key unless sampled)
   */
  public record PerItem<K>(Map<K, Double> shared, Result result) {}

  /** As {@link #measure}, keeping each scored passage's own agreement (for a map's colours). */
  public <K extends Comparable<K>> PerItem<K> measureEach(Map<K, float[]> a, Map<K, float[]> b,
      Cancellation cancel) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(cancel, "cancel");
    // Sorted keys: the sample (and so the result) must not depend on hash-map iteration order.
    TreeMap<K, float[]> common = new TreeMap<>();
    a.forEach((key, v) -> {
      if (b.containsKey(key)) {
        common.put(key, v);
      }
    });
    int n = common.size();
    if (n <= k) {
      throw new IllegalArgumentException("need more than k = " + k + " passages with vectors from both"
          + " models, found " + n);
    }
    float[][] va = new float[n][];
    float[][] vb = new float[n][];
    List<K> keys = new ArrayList<>(common.keySet());
    int i = 0;
    for (var e : common.entrySet()) {
      va[i] = VectorMath.normalise(e.getValue());
      vb[i] = VectorMath.normalise(b.get(e.getKey()));
      i++;
    }
    int[] scored = chooseSample(n);
    double sum = 0;
    Map<K, Double> each = new HashMap<>();
    for (int q : scored) {
      if (cancel.isCancelled()) {
        throw new java.util.concurrent.CancellationException("neighbour agreement cancelled");
      }
      int[] na = nearest(va, q);
      int[] nb = nearest(vb, q);
      double shared = (double) sharedCount(na, nb) / k;
      each.put(keys.get(q), shared);
      sum += shared;
    }
    return new PerItem<>(each, new Result(sum / scored.length, k, n, scored.length));
  }

  /** All indices when the corpus fits the sample, else a fixed-seed sample without repeats. */
  private int[] chooseSample(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (n <= sample) {
      return all;
    }
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < sample; i++) { // partial Fisher-Yates
      int j = i + rnd.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return java.util.Arrays.copyOf(all, sample);
  }

  /** Indices of the k vectors most similar to vs[q], q excluded; ties go to the lower index. */
  int[] nearest(float[][] vs, int q) {
    int[] best = new int[k];
    float[] bestScore = new float[k];
    int size = 0;
    float[] query = vs[q];
    for (int i = 0; i < vs.length; i++) {
      if (i == q) {
        continue;
      }
      float s = VectorMath.dot(query, vs[i]);
      if (size < k) {
        int at = size++;
        while (at > 0 && bestScore[at - 1] < s) {
          best[at] = best[at - 1];
          bestScore[at] = bestScore[at - 1];
          at--;
        }
        best[at] = i;
        bestScore[at] = s;
      } else if (s > bestScore[k - 1]) {
        int at = k - 1;
        while (at > 0 && bestScore[at - 1] < s) {
          best[at] = best[at - 1];
          bestScore[at] = bestScore[at - 1];
          at--;
        }
        best[at] = i;
        bestScore[at] = s;
      }
    }
    return best;
  }

  private static int sharedCount(int[] a, int[] b) {
    int n = 0;
    for (int x : a) {
      for (int y : b) {
        if (x == y) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /**
   * The cached vectors a model gave the workspace's passages, by chunk id: what the index was
   * built from. Passages whose vector is not cached (the model changed since) are absent.
   */
  public static Map<Long, float[]> vectorsOf(Catalog catalog, String modelId, String modelSha) {
    Objects.requireNonNull(catalog, "catalog");
    Map<String, List<Long>> chunksByHash = new HashMap<>();
    catalog.forEachChunk(c -> chunksByHash.computeIfAbsent(c.chunk().textHash(), h -> new ArrayList<>(1))
        .add(c.chunk().id()));
    Map<String, float[]> byHash = catalog.cachedEmbeddings(modelId, modelSha, chunksByHash.keySet());
    Map<Long, float[]> out = new HashMap<>();
    byHash.forEach((hash, v) -> chunksByHash.get(hash).forEach(id -> out.put(id, v)));
    return out;
  }
}
