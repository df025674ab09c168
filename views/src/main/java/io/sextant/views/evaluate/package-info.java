/**
 * The Evaluate screen: the workspace's judged queries (judged with 0 / 1 / 2 in any result list),
 * BEIR and TREC import and export, and evaluation of chosen setups (model x mode x k) with
 * nDCG@10, MRR@10 and recall@k, paired significance between setups and per-query wins and
 * losses that open the query in the Search pane.
 */
package io.sextant.views.evaluate;
