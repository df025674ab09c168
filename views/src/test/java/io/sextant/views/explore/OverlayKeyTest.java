package io.sextant.views.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OverlayKeyTest {

  @Test
  void keyCountsFoundAndMissedJudgedFiles() {
    var o = new ExplorePort.QueryOverlay(0, 0, new int[] {1, 2, 3}, new int[] {1, 7, 9},
        new boolean[] {true, false, false});
    String key = ExploreView.overlayKey(o);
    assertTrue(key.contains("3 top hits"), key);
    assertTrue(key.endsWith("3 judged relevant: 1 found, 2 missed (crossed out)"), key);
  }

  @Test
  void keyWithoutJudgmentsSaysSo() {
    var o = new ExplorePort.QueryOverlay(0, 0, new int[] {4}, new int[0], new boolean[0]);
    assertEquals("\u2605 query   \u25CB 1 top hits   (no files judged relevant to this query)",
        ExploreView.overlayKey(o));
  }
}
