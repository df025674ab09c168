package io.sextant.services.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InterleavedTest {

  @Test
  void pairsAlternateWhichSideGoesFirstAfterTheWarmUps() throws Exception {
    List<String> order = new ArrayList<>();
    Interleaved.Samples s = Interleaved.run(1, 4, () -> { order.add("A"); return 1; }, () -> { order.add("B"); return 2; });
    assertEquals(List.of("A", "B", "A", "B", "B", "A", "A", "B", "B", "A"), order);
    assertEquals(1, s.candidateMedian());
    assertEquals(2, s.baselineMedian());
  }

  @Test
  void rotationStartsEachRoundWithTheNextSide() throws Exception {
    List<String> order = new ArrayList<>();
    double[][] s = Interleaved.rotate(0, 3, List.of(
        () -> { order.add("A"); return 1; }, () -> { order.add("B"); return 2; }, () -> { order.add("C"); return 3; }));
    assertEquals(List.of("A", "B", "C", "B", "C", "A", "C", "A", "B"), order);
    assertArrayEquals(new double[] {3, 3, 3}, s[2]);
  }

  @Test
  void pairedRatioHoldsWhenTheMachineChangesSpeedMidRun() {
    // Both sides 0.95 of each other in every pair, but the machine 1.5x faster from the third
    // pair on, with the switch between the candidate's and the baseline's median samples
    double[] candidate = {95, 95, 95, 142.5, 142.5};
    double[] baseline = {100, 100, 150, 150, 150};
    Interleaved.Samples s = new Interleaved.Samples(candidate, baseline);
    assertEquals(0.633, s.candidateMedian() / s.baselineMedian(), 1e-3);
    assertEquals(0.95, s.pairedRatioMedian(), 1e-9);
  }

  @Test
  void noRepetitionsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Interleaved.run(0, 0, () -> 1, () -> 1));
  }

  @Property(seed = "42")
  void medianAndPercentilesLieWithinTheSamples(@ForAll @Size(min = 1, max = 50) List<@IntRange(min = -1000, max = 1000) Integer> xs,
      @ForAll @IntRange(min = 1, max = 100) int p) {
    double[] v = xs.stream().mapToDouble(Integer::doubleValue).toArray();
    double min = xs.stream().mapToInt(Integer::intValue).min().orElseThrow();
    double max = xs.stream().mapToInt(Integer::intValue).max().orElseThrow();
    double m = Stats.median(v);
    double q = Stats.percentile(v, p);
    assert m >= min && m <= max : m;
    assert q >= min && q <= max : q;
    assertEquals(max, Stats.percentile(v, 100));
  }
}
