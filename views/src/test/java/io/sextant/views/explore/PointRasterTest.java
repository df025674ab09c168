package io.sextant.views.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PointRasterTest {

  final PlotTransform t = new PlotTransform(0, 0, 10, 100, 100); // data (0,0) at pixel (50,50)

  @Test
  void anOpaquePointPaintsItsSquareInItsCategoryColour() {
    PointRaster r = new PointRaster(100, 100);
    r.clear(0xFFFFFFFF);
    r.draw(new float[] {1}, new float[] {1}, new int[] {1}, new int[] {0xFF000000, 0xFF4E79A7}, t, 3, 255);
    // (1,1) -> pixel (60, 40); a 3x3 square starting one pixel up-left
    assertEquals(0xFF4E79A7, r.pixels()[40 * 100 + 60]);
    assertEquals(0xFF4E79A7, r.pixels()[39 * 100 + 59]);
    assertEquals(0xFFFFFFFF, r.pixels()[40 * 100 + 62]);
  }

  @Test
  void translucentPointsDarkenWhereTheyOverlap() {
    PointRaster r = new PointRaster(100, 100);
    r.clear(0xFFFFFFFF);
    int[] palette = {0xFF000000};
    r.draw(new float[] {0}, new float[] {0}, new int[] {0}, palette, t, 1, 128);
    int once = r.pixels()[50 * 100 + 50];
    r.draw(new float[] {0}, new float[] {0}, new int[] {0}, palette, t, 1, 128);
    int twice = r.pixels()[50 * 100 + 50];
    assertEquals(0xFF, once >>> 24);
    assertEquals(127, once & 0xFF, 1);
    assertEquals(63, twice & 0xFF, 1);
  }

  @Test
  void filteredAndOffScreenPointsAreSkippedWithoutError() {
    PointRaster r = new PointRaster(100, 100);
    r.clear(0xFFFFFFFF);
    r.draw(new float[] {0, 1e6f, -1e6f}, new float[] {0, 0, 0}, new int[] {-1, 0, 0},
        new int[] {0xFF000000}, t, 4, 255);
    for (int p : r.pixels()) {
      assertEquals(0xFFFFFFFF, p);
    }
  }

  @Test
  void premultiplyScalesColourByAlpha() {
    assertEquals(0x80800000, PointRaster.premultiply(0x80FF0000));
    assertNotEquals(0, PointRaster.premultiply(0x01FFFFFF) >>> 24);
  }
}
