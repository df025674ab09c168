package io.sextant.services.eval;

import java.util.Objects;

/**
 * Outcome of one evaluation setup on one dataset.
 *
 * @param dataset dataset name
 * @param options the setup
 * @param docs corpus documents
 * @param units indexed units (documents, or chunks for the chunked protocol)
 * @param metrics mean metrics and per-query nDCG@10
 * @param embedSeconds time spent running the model on the corpus (0 when fully cached)
 * @param chunksEmbedded units the model embedded (cache misses)
 * @param indexSeconds time to build the Lucene index (BM25 + HNSW, merged to one segment)
 * @param queryMsP50 median end-to-end query latency (query embedding + search)
 * @param queryMsP95 95th percentile of the same
 * @param run the ranked results, for TREC run files
 * @param firstStage with a second stage: the metrics of the first stage alone (same index, same
 *     queries), so the gain is {@code metrics - firstStage}; null without one
 * @param firstStageMsP50 median query latency of the first stage alone (0 without a second stage)
 * @param firstStageMsP95 95th percentile of the same
 */
public record EvalResult(String dataset, EvalOptions options, int docs, int units,
    MetricSummary metrics, double embedSeconds, long chunksEmbedded, double indexSeconds,
    double queryMsP50, double queryMsP95, Run run, MetricSummary firstStage,
    double firstStageMsP50, double firstStageMsP95) {

  /** A result without a second stage. */
  public EvalResult(String dataset, EvalOptions options, int docs, int units,
      MetricSummary metrics, double embedSeconds, long chunksEmbedded, double indexSeconds,
      double queryMsP50, double queryMsP95, Run run) {
    this(dataset, options, docs, units, metrics, embedSeconds, chunksEmbedded, indexSeconds,
        queryMsP50, queryMsP95, run, null, 0, 0);
  }

  public EvalResult {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(run, "run");
  }
}
