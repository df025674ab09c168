package io.sextant.services.search;

import java.util.List;

/**
 * Scores passages against a query for the second stage. Higher is more relevant; scores only need
 * to be comparable within one call. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Reranker {

  /** One score per passage, in the passages' order. */
  double[] score(String query, List<String> passages);
}
