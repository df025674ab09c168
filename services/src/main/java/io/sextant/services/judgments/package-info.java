/**
 * Relevance judgments of a workspace's files for saved queries (qrels), kept in the workspace's
 * {@code judgments.db}; BEIR import, TREC qrels and run export; and evaluation of retrieval
 * setups over the judged queries with paired significance tests.
 */
package io.sextant.services.judgments;
