package io.sextant.services.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdjustedRandTest {

  @Test
  void identicalPartitionsUnderRenamingScoreOne() {
    assertEquals(1.0, AdjustedRand.of(new int[] {0, 0, 1, 1, 2}, new int[] {5, 5, 3, 3, -1}), 1e-12);
  }

  @Test
  void handComputedExample() {
    // contingency [[2,1,0],[0,1,2]]: index 2, rows 6, cols 3, expected 6*3/15 = 1.2, max 4.5
    // ARI = (2 - 1.2) / (4.5 - 1.2) = 0.2424...
    double ari = AdjustedRand.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2});
    assertEquals(0.8 / 3.3, ari, 1e-12);
  }
}
