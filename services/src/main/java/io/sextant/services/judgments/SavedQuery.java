package io.sextant.services.judgments;

import java.util.Objects;

/**
 * A query kept with its judgments.
 *
 * @param id stable id (the BEIR/TREC query id for imported queries, {@code q1}, {@code q2}, ...
 *     for queries saved while judging)
 * @param text the query text
 * @param judged files judged for it
 * @param relevant files judged relevant (grade above 0)
 */
public record SavedQuery(String id, String text, int judged, int relevant) {
  public SavedQuery {
    JudgmentStore.checkId(id);
    Objects.requireNonNull(text, "text");
  }
}
