package io.sextant.services.compare;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Agreement between two ranked lists of item keys (best first, no duplicates). All measures look
 * at the top {@code k} of each list; a list shorter than {@code k} is used as it is.
 */
public final class RankedListMetrics {

  /** The persistence RBO uses unless told otherwise: the top 10 carry about 86 % of the weight. */
  public static final double DEFAULT_P = 0.9;

  private RankedListMetrics() {}

  /** Share of the top k the lists have in common: |A_k ∩ B_k| / k. */
  public static double overlap(List<String> a, List<String> b, int k) {
    checkK(k);
    return (double) intersection(top(a, k), top(b, k)) / k;
  }

  /** Jaccard similarity of the top-k sets: |A ∩ B| / |A ∪ B|; 1 when both are empty. */
  public static double jaccard(List<String> a, List<String> b, int k) {
    checkK(k);
    Set<String> sa = new HashSet<>(top(a, k));
    Set<String> sb = new HashSet<>(top(b, k));
    int inter = intersection(top(a, k), top(b, k));
    int union = sa.size() + sb.size() - inter;
    return union == 0 ? 1 : (double) inter / union;
  }

  /** Number of items in both top-k lists. */
  public static int shared(List<String> a, List<String> b, int k) {
    checkK(k);
    return intersection(top(a, k), top(b, k));
  }

  /**
   * Extrapolated rank-biased overlap (Webber, Moffat and Zobel 2010, equation 32), which assumes
   * the agreement seen at the deeper of the two prefixes continues below it. It is 1 for identical
   * lists and 0 for disjoint ones, and weighs the top ranks most: persistence {@code p} is the
   * chance a reader goes on to the next rank. Uneven lengths are handled as in the paper: below
   * the end of the shorter list S, its items are assumed to keep the overlap it reached.
   */
  public static double rbo(List<String> a, List<String> b, int k, double p) {
    checkK(k);
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("persistence p must be in (0, 1), got " + p);
    }
    List<String> ta = top(a, k);
    List<String> tb = top(b, k);
    List<String> longer = ta.size() >= tb.size() ? ta : tb;
    List<String> shorter = longer == ta ? tb : ta;
    int l = longer.size();
    int s = shorter.size();
    if (s == 0) {
      return l == 0 ? 1 : 0;
    }
    // X_d: overlap of the two prefixes of depth d, where the shorter list stops growing at s.
    Set<String> seenL = new HashSet<>();
    Set<String> seenS = new HashSet<>();
    int x = 0;
    int xs = 0;
    double sum = 0;
    double pd = 1;
    for (int d = 1; d <= l; d++) {
      pd *= p;
      String fromL = longer.get(d - 1);
      if (seenS.contains(fromL)) {
        x++;
      }
      seenL.add(fromL);
      if (d <= s) {
        String fromS = shorter.get(d - 1);
        if (seenL.contains(fromS)) {
          x++;
        }
        seenS.add(fromS);
        if (d == s) {
          xs = x;
        }
      }
      sum += (double) x / d * pd;
      if (d > s) {
        sum += (double) xs * (d - s) / ((double) s * d) * pd;
      }
    }
    return (1 - p) / p * sum + ((double) (x - xs) / l + (double) xs / s) * pd;
  }

  /**
   * Kendall's tau between the orders the two lists give the items they share (in their top k);
   * null when fewer than two items are shared, where it is undefined. Positions in a ranked list
   * never tie, so tau-a and tau-b are the same here.
   */
  public static Double kendallTau(List<String> a, List<String> b, int k) {
    checkK(k);
    List<String> ta = top(a, k);
    Map<String, Integer> rankB = new HashMap<>();
    List<String> tb = top(b, k);
    for (int i = 0; i < tb.size(); i++) {
      rankB.put(tb.get(i), i);
    }
    int[] order = ta.stream().filter(rankB::containsKey).mapToInt(rankB::get).toArray();
    int n = order.length;
    if (n < 2) {
      return null;
    }
    long concordant = 0;
    long discordant = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (order[i] < order[j]) {
          concordant++;
        } else {
          discordant++;
        }
      }
    }
    return (double) (concordant - discordant) / (n * (n - 1L) / 2);
  }

  private static List<String> top(List<String> list, int k) {
    Objects.requireNonNull(list, "list");
    if (new HashSet<>(list).size() != list.size()) {
      throw new IllegalArgumentException("a ranked list must not repeat an item: " + list);
    }
    return list.size() <= k ? list : list.subList(0, k);
  }

  private static int intersection(List<String> a, List<String> b) {
    Set<String> sa = new HashSet<>(a);
    int n = 0;
    for (String x : b) {
      if (sa.contains(x)) {
        n++;
      }
    }
    return n;
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("depth k must be at least 1, got " + k);
    }
  }
}
