/**
 * Judged evaluation: BEIR datasets, qrels, TREC run files and the retrieval metrics
 * (nDCG@k, MRR@k, recall@k).
 *
 * <p>There is one implementation of each metric, shared by the CLI's {@code eval} and the
 * workbench. The definitions follow trec_eval (and so pytrec_eval, which MTEB and BEIR use):
 * ranking by descending score with ties broken by descending document id, gain equal to the
 * judged grade, and a log2(rank + 1) discount. Matching those definitions exactly is what lets us
 * compare our figures with published tables.
 */
package io.sextant.services.eval;
