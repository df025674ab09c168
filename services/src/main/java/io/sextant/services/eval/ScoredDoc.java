package io.sextant.services.eval;

import java.util.Objects;

/** One retrieved document of a run, with the score the system gave it. */
public record ScoredDoc(String docId, double score) {
  public ScoredDoc {
    Objects.requireNonNull(docId, "docId");
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("score is NaN for " + docId);
    }
  }
}
