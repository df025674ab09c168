package io.sextant.views.common;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Graded relevance judgments (0 not relevant, 1 relevant, 2 highly relevant) of files for
 * queries, stored per workspace as qrels. Any result list can judge with one key.
 */
public interface Judgments {

  /** Records the grade of {@code docKey} for {@code query}; the query is saved with it. */
  CompletableFuture<Void> judge(String query, String docKey, int grade);

  /** The grades recorded for {@code query}, by file key. */
  CompletableFuture<Map<String, Integer>> of(String query);
}
