package io.sextant.services.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-query retrieval metrics with trec_eval's definitions ({@code ndcg_cut}, {@code recip_rank}
 * cut at k, {@code recall}). Rankings are taken in {@link Run#TREC_ORDER}.
 */
public final class Metrics {

  private Metrics() {}

  /**
   * nDCG at cutoff k: DCG = sum over ranks i = 1..k of grade / log2(i + 1), divided by the DCG of
   * the ideal ranking of all judged documents with grade above 0. Negative grades count as 0, as
   * in trec_eval. A query with no relevant document scores 0.
   */
  public static double ndcg(List<ScoredDoc> ranking, Map<String, Integer> judgments, int k) {
    checkK(k);
    double dcg = 0;
    int i = 0;
    for (ScoredDoc d : ranking) {
      if (i >= k) {
        break;
      }
      int g = judgments.getOrDefault(d.docId(), 0);
      if (g > 0) {
        dcg += g / log2(i + 2);
      }
      i++;
    }
    List<Integer> grades = new ArrayList<>();
    for (int g : judgments.values()) {
      if (g > 0) {
        grades.add(g);
      }
    }
    grades.sort((a, b) -> Integer.compare(b, a));
    double idcg = 0;
    for (int j = 0; j < Math.min(k, grades.size()); j++) {
      idcg += grades.get(j) / log2(j + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** Reciprocal rank of the first relevant document within the top k, or 0. */
  public static double mrr(List<ScoredDoc> ranking, Map<String, Integer> judgments, int k) {
    checkK(k);
    int rank = 1;
    for (ScoredDoc d : ranking) {
      if (rank > k) {
        break;
      }
      if (judgments.getOrDefault(d.docId(), 0) > 0) {
        return 1.0 / rank;
      }
      rank++;
    }
    return 0;
  }

  /** Share of the relevant documents found in the top k; 0 when the query has none. */
  public static double recall(List<ScoredDoc> ranking, Map<String, Integer> judgments, int k) {
    checkK(k);
    long relevant = judgments.values().stream().filter(g -> g > 0).count();
    if (relevant == 0) {
      return 0;
    }
    int found = 0;
    int i = 0;
    for (ScoredDoc d : ranking) {
      if (i++ >= k) {
        break;
      }
      if (judgments.getOrDefault(d.docId(), 0) > 0) {
        found++;
      }
    }
    return (double) found / relevant;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("cutoff k must be at least 1, got " + k);
    }
  }
}
