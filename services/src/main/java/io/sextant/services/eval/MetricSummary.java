package io.sextant.services.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Mean metrics of a run over the judged queries, plus the per-query values (for wins / losses and
 * significance tests).
 *
 * @param queries number of judged queries averaged over (queries with at least one relevant doc)
 * @param ndcg10 mean nDCG@10
 * @param mrr10 mean MRR@10
 * @param recall10 mean recall@10
 * @param recall100 mean recall@100
 * @param perQueryNdcg10 nDCG@10 of each query id
 */
public record MetricSummary(
    int queries, double ndcg10, double mrr10, double recall10, double recall100,
    Map<String, Double> perQueryNdcg10) {

  public MetricSummary {
    Objects.requireNonNull(perQueryNdcg10, "perQueryNdcg10");
  }

  /**
   * Evaluates a run against qrels. Every query with at least one relevant judgment counts, and a
   * query the run has no results for scores 0 (rather than being dropped, which would flatter a
   * system that fails on hard queries).
   */
  public static MetricSummary of(Run run, Qrels qrels) {
    double n = 0, m = 0, r10 = 0, r100 = 0;
    int count = 0;
    var per = new LinkedHashMap<String, Double>();
    for (String q : qrels.queryIds()) {
      if (qrels.relevantCount(q) == 0) {
        continue;
      }
      var ranking = run.ranking(q);
      var judg = qrels.judgments(q);
      double nd = Metrics.ndcg(ranking, judg, 10);
      per.put(q, nd);
      n += nd;
      m += Metrics.mrr(ranking, judg, 10);
      r10 += Metrics.recall(ranking, judg, 10);
      r100 += Metrics.recall(ranking, judg, 100);
      count++;
    }
    if (count == 0) {
      return new MetricSummary(0, 0, 0, 0, 0, per);
    }
    return new MetricSummary(count, n / count, m / count, r10 / count, r100 / count, per);
  }
}
