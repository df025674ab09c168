package io.sextant.services.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.task.Cancellation;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeighbourAgreementTest {

  private static Map<Integer, float[]> points(float[][] xy) {
    Map<Integer, float[]> m = new HashMap<>();
    for (int i = 0; i < xy.length; i++) {
      m.put(i, xy[i]);
    }
    return m;
  }

  private static float[] angle(double degrees) {
    double r = Math.toRadians(degrees);
    return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
  }

  @Test
  void aModelAgreesWithItselfCompletely() {
    Random rnd = new Random(3);
    Map<Integer, float[]> a = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      a.put(i, new float[] {(float) rnd.nextGaussian(), (float) rnd.nextGaussian(), (float) rnd.nextGaussian()});
    }
    var r = new NeighbourAgreement(5, 1000).measure(a, a, new Cancellation());
    assertEquals(1.0, r.agreement(), 1e-12);
    assertEquals(50, r.passages());
    assertFalse(r.sampled());
  }

  @Test
  void agreementMatchesAHandWorkedExample() {
    // Four points on a circle. Model A: 0, 10, 100, 110 degrees -> pairs {0,1} and {2,3}.
    // Model B: 0, 100, 10, 110 degrees -> pairs {0,2} and {1,3}. With k = 1 no passage keeps its
    // nearest neighbour: agreement 0.
    Map<Integer, float[]> a = points(new float[][] {angle(0), angle(10), angle(100), angle(110)});
    Map<Integer, float[]> b = points(new float[][] {angle(0), angle(100), angle(10), angle(110)});
    assertEquals(0.0, new NeighbourAgreement(1, 100).measure(a, b, new Cancellation()).agreement(), 1e-12);
    // k = 2, A: 0->{1,2} 1->{0,2} 2->{3,1} 3->{2,1}; B: 0->{2,1} 1->{3,2} 2->{0,1} 3->{1,2}
    // shared: 0: {1,2} -> 2/2; 1: {2} -> 1/2; 2: {1} -> 1/2; 3: {2,1} -> 2/2. Mean 0.75.
    assertEquals(0.75, new NeighbourAgreement(2, 100).measure(a, b, new Cancellation()).agreement(), 1e-12);
  }

  @Test
  void eachPassageKeepsItsOwnAgreementFromTheHandWorkedExample() {
    Map<Integer, float[]> a = points(new float[][] {angle(0), angle(10), angle(100), angle(110)});
    Map<Integer, float[]> b = points(new float[][] {angle(0), angle(100), angle(10), angle(110)});
    var r = new NeighbourAgreement(2, 100).measureEach(a, b, new Cancellation());
    assertEquals(Map.of(0, 1.0, 1, 0.5, 2, 0.5, 3, 1.0), r.shared());
    assertEquals(0.75, r.result().agreement(), 1e-12);
  }

  @Test
  void aSampledRunScoresOnlyTheSampleAndItsMeanIsTheResult() {
    Random rnd = new Random(5);
    Map<Integer, float[]> a = new HashMap<>();
    Map<Integer, float[]> b = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      float[] v = {(float) rnd.nextGaussian(), (float) rnd.nextGaussian(), (float) rnd.nextGaussian()};
      a.put(i, v);
      b.put(i, new float[] {v[0], v[1] + 0.5f * (float) rnd.nextGaussian(), v[2]});
    }
    var r = new NeighbourAgreement(8, 40).measureEach(a, b, new Cancellation());
    assertEquals(40, r.shared().size());
    assertEquals(r.shared().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
        r.result().agreement(), 1e-12);
    assertEquals(r.result().agreement(), new NeighbourAgreement(8, 40).measure(a, b, new Cancellation()).agreement(), 0.0);
  }

  @Test
  void nearestNeighboursComeBestFirstWithoutTheQuery() {
    float[][] vs = {angle(0), angle(50), angle(5), angle(170), angle(20)};
    assertArrayEquals(new int[] {2, 4, 1}, new NeighbourAgreement(3, 10).nearest(vs, 0));
  }

  @Test
  void aLargeCorpusIsSampledWithAFixedSeed() {
    Random rnd = new Random(11);
    Map<Integer, float[]> a = new HashMap<>();
    Map<Integer, float[]> b = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      float[] v = {(float) rnd.nextGaussian(), (float) rnd.nextGaussian(), (float) rnd.nextGaussian(), (float) rnd.nextGaussian()};
      a.put(i, v);
      b.put(i, new float[] {v[0] + 0.3f * (float) rnd.nextGaussian(), v[1], v[2], v[3]});
    }
    a.put(999, new float[] {1, 0, 0, 0}); // only in A: left out
    var first = new NeighbourAgreement(10, 50).measure(a, b, new Cancellation());
    var again = new NeighbourAgreement(10, 50).measure(a, b, new Cancellation());
    assertTrue(first.sampled());
    assertEquals(300, first.passages());
    assertEquals(50, first.scored());
    assertEquals(first.agreement(), again.agreement(), 0.0);
    assertTrue(first.agreement() > 0.2 && first.agreement() < 1.0, "noisy copy agrees partly: " + first.agreement());
  }

  @Test
  void tooFewSharedPassagesIsAClearError() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new NeighbourAgreement(5, 10).measure(points(new float[][] {angle(0), angle(1)}),
            points(new float[][] {angle(0), angle(1)}), new Cancellation()));
    assertTrue(e.getMessage().contains("found 2"), e.getMessage());
  }
}
