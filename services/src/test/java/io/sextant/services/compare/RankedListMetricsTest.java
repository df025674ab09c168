package io.sextant.services.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankedListMetricsTest {

  private static final double EPS = 1e-9;

  @Test
  void overlapAndJaccardCountTheSharedTopK() {
    List<String> a = List.of("a", "b", "c", "d");
    List<String> b = List.of("c", "a", "x", "y");
    assertEquals(0.5, RankedListMetrics.overlap(a, b, 4), EPS); // {a, c} of 4
    assertEquals(2.0 / 6, RankedListMetrics.jaccard(a, b, 4), EPS); // {a, c} of {a,b,c,d,x,y}
    assertEquals(0.5, RankedListMetrics.overlap(a, b, 2), EPS); // {a} of 2
    assertEquals(2, RankedListMetrics.shared(a, b, 4));
  }

  @Test
  void rboOfIdenticalListsIsOneAndOfDisjointListsZero() {
    List<String> a = List.of("a", "b", "c", "d", "e");
    assertEquals(1.0, RankedListMetrics.rbo(a, a, 5, 0.9), EPS);
    assertEquals(0.0, RankedListMetrics.rbo(a, List.of("v", "w", "x", "y", "z"), 5, 0.9), EPS);
  }

  @Test
  void rboMatchesAHandComputedExample() {
    // X1 = 1, X2 = 1, X3 = 3: (1-p)/p (1*.9 + 1/2*.81 + 3/3*.729) + 3/3*.729 = 2.034/9 + .729
    double v = RankedListMetrics.rbo(List.of("a", "b", "c"), List.of("a", "c", "b"), 3, 0.9);
    assertEquals(2.034 / 9 + 0.729, v, EPS);
    assertEquals(0.955, v, EPS);
  }

  @Test
  void rboOfUnevenListsFollowsWebbersEquation32() {
    // L = a b c d, S = b a, p = 0.5: X = 0, 2, 2, 2 and X_s = 2.
    // sum X_d/d p^d = .25 + 1/12 + 1/32; extrapolation 2*1/(2*3)/8 + 2*2/(2*4)/16;
    // tail (0/4 + 2/2) / 16. Total 0.5.
    double v = RankedListMetrics.rbo(List.of("a", "b", "c", "d"), List.of("b", "a"), 4, 0.5);
    assertEquals(0.5, v, EPS);
    assertEquals(v, RankedListMetrics.rbo(List.of("b", "a"), List.of("a", "b", "c", "d"), 4, 0.5), EPS);
  }

  @Test
  void rboStaysWithinZeroAndOneAndIsSymmetric() {
    long seed = 7L;
    Random rnd = new Random(seed);
    for (int t = 0; t < 200; t++) {
      List<String> pool = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        pool.add("d" + i);
      }
      Collections.shuffle(pool, rnd);
      List<String> a = List.copyOf(pool.subList(0, 1 + rnd.nextInt(15)));
      Collections.shuffle(pool, rnd);
      List<String> b = List.copyOf(pool.subList(0, 1 + rnd.nextInt(15)));
      double ab = RankedListMetrics.rbo(a, b, 15, 0.9);
      double ba = RankedListMetrics.rbo(b, a, 15, 0.9);
      assertEquals(ab, ba, 1e-12, "seed " + seed + " trial " + t);
      if (ab < -EPS || ab > 1 + EPS) {
        throw new AssertionError("rbo out of range: " + ab + " for " + a + " vs " + b + " (seed " + seed + ")");
      }
    }
  }

  @Test
  void kendallTauComparesTheOrderOfSharedItems() {
    assertEquals(1.0 / 3, RankedListMetrics.kendallTau(List.of("a", "b", "c"), List.of("a", "c", "b"), 3), EPS);
    assertEquals(-1.0, RankedListMetrics.kendallTau(List.of("a", "b", "c", "d"), List.of("d", "x", "c", "b", "a"), 5), EPS);
    assertEquals(1.0, RankedListMetrics.kendallTau(List.of("a", "q", "b"), List.of("a", "b"), 3), EPS);
    assertNull(RankedListMetrics.kendallTau(List.of("a", "b"), List.of("a", "x"), 2));
  }

  @Test
  void repeatedItemsAndBadArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> RankedListMetrics.overlap(List.of("a", "a"), List.of("a"), 2));
    assertThrows(IllegalArgumentException.class, () -> RankedListMetrics.overlap(List.of("a"), List.of("a"), 0));
    assertThrows(IllegalArgumentException.class, () -> RankedListMetrics.rbo(List.of("a"), List.of("a"), 1, 1.0));
  }
}
