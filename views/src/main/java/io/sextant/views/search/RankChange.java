package io.sextant.views.search;

import io.sextant.services.search.DocHit;
import java.util.Optional;

/**
 * Where a hit stood before a second stage re-ordered the list and where it stands now, for the
 * "↑ 12→3" badge of a result row.
 *
 * @param before 1-based first-stage rank
 * @param after 1-based rank in the re-ranked list
 */
public record RankChange(int before, int after) {

  /** Which way the hit moved. */
  public enum Direction { UP, DOWN, SAME }

  public RankChange {
    if (before < 1 || after < 1) {
      throw new IllegalArgumentException("ranks are 1-based, got " + before + "→" + after);
    }
  }

  /**
   * The change of the hit shown at {@code index} (0-based) of a result list; empty when the list
   * was not re-ranked (the hit carries no first-stage rank).
   */
  public static Optional<RankChange> of(DocHit hit, int index) {
    return hit.firstStageRank() > 0
        ? Optional.of(new RankChange(hit.firstStageRank(), index + 1)) : Optional.empty();
  }

  public Direction direction() {
    return after < before ? Direction.UP : after > before ? Direction.DOWN : Direction.SAME;
  }

  /** "↑ 12→3", "↓ 2→7" or "= 4". */
  public String badge() {
    return switch (direction()) {
      case UP -> "↑ " + before + "→" + after;
      case DOWN -> "↓ " + before + "→" + after;
      case SAME -> "= " + after;
    };
  }

  /** The badge's tooltip, in words. */
  public String describe() {
    return switch (direction()) {
      case UP -> "Re-ranking moved this file up from " + before + " to " + after;
      case DOWN -> "Re-ranking moved this file down from " + before + " to " + after;
      case SAME -> "Re-ranking kept this file at " + after;
    };
  }
}
