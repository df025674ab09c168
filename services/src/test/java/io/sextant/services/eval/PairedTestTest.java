package io.sextant.services.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PairedTestTest {

  /**
   * Darwin's 15 pairs of Zea mays (crossed minus self-fertilised height, eighths of an inch), as
   * analysed by Fisher (The Design of Experiments, 1935, section 21): 1,726 of the 2^15 sign
   * patterns give a total at least as far from zero as the observed 314, so the two-sided p is
   * 1726 / 32768 = 0.05267.
   */
  static final double[] DARWIN = {49, -67, 8, 16, 6, 23, 28, 41, 14, 29, 56, 24, 75, 60, -48};

  @Test
  void sampledRandomisationTestReproducesFishersDarwinExample() {
    var r = new PairedTest(10_000, 10_000, 42, 0).test(new double[DARWIN.length], DARWIN);
    assertFalse(r.exact());
    // 10,000 draws: standard error sqrt(.053 * .947 / 10000) = 0.0022
    assertEquals(1726.0 / 32768, r.p(), 0.008);
    assertEquals(314.0 / 15, r.meanDiff(), 1e-12);
  }

  @Test
  void exactEnumerationGivesFishersCountWhenItFits() {
    var r = PairedTest.standard().test(new double[DARWIN.length], DARWIN);
    assertTrue(r.exact());
    assertEquals(1726.0 / 32768, r.p(), 1e-15);
  }

  @Test
  void fourEqualSignedDifferencesHaveExactPOfOneEighth() {
    // Sign patterns of {1,2,3,4}: only all-plus and all-minus reach |sum| = 10: p = 2/16.
    var r = PairedTest.standard().test(new double[] {0, 0, 0, 0}, new double[] {1, 2, 3, 4});
    assertEquals(0.125, r.p(), 1e-15);
  }

  @Test
  void identicalSystemsHavePOfOneAndAZeroInterval() {
    double[] a = {0.1, 0.5, 0.9, 0.3};
    var r = PairedTest.standard().test(a, a.clone());
    assertEquals(1.0, r.p(), 1e-15);
    assertEquals(0.0, r.ciLow(), 0.0);
    assertEquals(0.0, r.ciHigh(), 0.0);
  }

  @Test
  void bootstrapIntervalBracketsTheMeanAndIsReproducible() {
    double[] a = new double[40];
    double[] b = new double[40];
    for (int i = 0; i < 40; i++) {
      a[i] = (i % 7) / 7.0;
      b[i] = a[i] + ((i % 5) - 1) / 10.0; // mean +0.1
    }
    var r1 = PairedTest.standard().test(a, b);
    var r2 = PairedTest.standard().test(a, b);
    assertEquals(r1, r2);
    assertTrue(r1.ciLow() < r1.meanDiff() && r1.meanDiff() < r1.ciHigh(), r1.toString());
    assertTrue(r1.ciLow() > 0, "a clear +0.1 on 40 queries excludes 0: " + r1);
    assertTrue(r1.p() < 0.01, r1.toString());
  }

  @Test
  void percentileInterpolatesBetweenRanks() {
    double[] s = {1, 2, 3, 4, 5};
    assertEquals(1.1, PairedTest.percentile(s, 0.025), 1e-12);
    assertEquals(3.0, PairedTest.percentile(s, 0.5), 1e-12);
    assertEquals(4.9, PairedTest.percentile(s, 0.975), 1e-12);
  }

  @Test
  void mismatchedOrEmptyInputsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> PairedTest.standard().test(new double[2], new double[3]));
    assertThrows(IllegalArgumentException.class, () -> PairedTest.standard().test(new double[0], new double[0]));
    assertEquals(15, Arrays.stream(DARWIN).count());
  }
}
