package io.sextant.services.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import io.sextant.services.clip.ClipPreprocessor;
import org.junit.jupiter.api.Test;

class PillowResamplerTest {
  @Test
  void aFlatImageStaysFlatAtAnySize() {
    int[] px = new int[37 * 23];
    Arrays.fill(px, 0x336699);
    RgbImage out = PillowResampler.resize(new RgbImage(37, 23, px), 224, 139);
    for (int p : out.pixels()) {
      assertEquals(0x336699, p);
    }
  }

  @Test
  void centreCropIsSquareOfTheConfiguredSize() {
    RgbImage img = new RgbImage(640, 427, new int[640 * 427]);
    RgbImage c = ClipPreprocessor.OPENAI.resizeAndCrop(img);
    assertEquals(224, c.width());
    assertEquals(224, c.height());
    assertEquals(3 * 224 * 224, ClipPreprocessor.OPENAI.tensor(img).length);
  }

  @Test
  void orientationSixTurnsClockwise() {
    // 2x1 image: red then blue. Orientation 6 (rotate 90 clockwise) -> 1x2: red on top.
    RgbImage img = new RgbImage(2, 1, new int[] {0xff0000, 0x0000ff});
    RgbImage up = img.oriented(6);
    assertEquals(1, up.width());
    assertEquals(0xff0000, up.rgb(0, 0));
    assertEquals(0x0000ff, up.rgb(0, 1));
    RgbImage back = img.oriented(8);
    assertEquals(0x0000ff, back.rgb(0, 0));
  }
}
