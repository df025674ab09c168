package io.sextant.views.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** jqwik prints a replayable seed on failure. */
class PlotTransformPropertyTest {

  final PlotTransform fitted = PlotTransform.fit(-3, 5, -2, 2, 800, 600, 20);

  @Property(tries = 300)
  void screenAndDataCoordinatesRoundTrip(@ForAll @DoubleRange(min = -50, max = 50) double x,
      @ForAll @DoubleRange(min = -50, max = 50) double y) {
    assertEquals(x, fitted.toDataX(fitted.toScreenX(x)), 1e-9);
    assertEquals(y, fitted.toDataY(fitted.toScreenY(y)), 1e-9);
  }

  @Property(tries = 300)
  void zoomKeepsThePointUnderThePointerInPlace(@ForAll @DoubleRange(min = 0, max = 800) double sx,
      @ForAll @DoubleRange(min = 0, max = 600) double sy,
      @ForAll @DoubleRange(min = 0.5, max = 2) double factor) {
    double dx = fitted.toDataX(sx);
    double dy = fitted.toDataY(sy);
    PlotTransform z = fitted.zoomAt(sx, sy, factor, fitted.scale());
    assertEquals(sx, z.toScreenX(dx), 1e-6);
    assertEquals(sy, z.toScreenY(dy), 1e-6);
  }

  @Property(tries = 100)
  void panningMovesEveryPointByTheDrag(@ForAll @DoubleRange(min = -300, max = 300) double ddx,
      @ForAll @DoubleRange(min = -300, max = 300) double ddy) {
    PlotTransform p = fitted.pan(ddx, ddy);
    assertEquals(fitted.toScreenX(1.5) + ddx, p.toScreenX(1.5), 1e-6);
    assertEquals(fitted.toScreenY(-0.5) + ddy, p.toScreenY(-0.5), 1e-6);
  }
}
