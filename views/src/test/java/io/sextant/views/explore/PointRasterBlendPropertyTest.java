package io.sextant.views.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The two-channels-per-multiply blend equals exact per-channel arithmetic within rounding. */
class PointRasterBlendPropertyTest {

  @Property(tries = 2000)
  void blendMatchesExactArithmeticWithinOne(@ForAll @IntRange(min = 1, max = 255) int alpha,
      @ForAll int rgb, @ForAll int dstRgb, @ForAll @IntRange(min = 0, max = 255) int dstAlpha) {
    int src = PointRaster.premultiply((alpha << 24) | (rgb & 0xFFFFFF));
    int dst = PointRaster.premultiply((dstAlpha << 24) | (dstRgb & 0xFFFFFF));
    int inv = 255 - alpha;
    int got = PointRaster.over(src, dst, inv);
    for (int shift = 0; shift < 32; shift += 8) {
      int s = (src >>> shift) & 0xFF;
      int d = (dst >>> shift) & 0xFF;
      double exact = s + d * inv / 255.0;
      int g = (got >>> shift) & 0xFF;
      assertTrue(Math.abs(g - exact) <= 1.0 && exact <= 255.5,
          "channel " + shift + ": got " + g + ", exact " + exact);
    }
  }
}
