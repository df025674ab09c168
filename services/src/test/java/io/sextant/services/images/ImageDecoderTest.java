package io.sextant.services.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
  @TempDir Path tmp;
  private final ImageDecoder decoder = new ImageDecoder();

  @Test
  void exifOrientationTurnsThePhotoUprightAndItsFactsAreRead() throws Exception {
    Path f = ExifJpeg.write(tmp.resolve("cam.jpg"), 40, 20, "Canon", "Canon EOS 5D", 6, "2021:06:15 10:30:00");
    DecodedImage d = decoder.decode(f);
    assertEquals(20, d.pixels().width());
    assertEquals(40, d.pixels().height());
    int top = d.pixels().rgb(10, 2);
    int bottom = d.pixels().rgb(10, 37);
    assertTrue(((top >> 16) & 0xff) > 200 && (top & 0xff) < 60, "red on top after turning clockwise");
    assertTrue((bottom & 0xff) > 200, "blue at the bottom");
    ImageMetadata m = d.metadata();
    assertEquals(6, m.orientation());
    assertEquals(LocalDateTime.of(2021, 6, 15, 10, 30), m.taken().orElseThrow());
    assertEquals("Canon EOS 5D", m.camera().orElseThrow());
    assertEquals("jpeg", m.format());
  }

  @Test
  void everyListedFormatThatImageIoCanWriteDecodes() throws Exception {
    BufferedImage img = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 4, 0x123456);
    for (String fmt : new String[] {"png", "gif", "bmp", "tiff", "jpg"}) {
      Path f = tmp.resolve("x." + fmt);
      assertTrue(ImageIO.write(img, fmt, f.toFile()), "writer for " + fmt);
      DecodedImage d = decoder.decode(f);
      assertEquals(30, d.pixels().width(), fmt);
      assertEquals(20, d.pixels().height(), fmt);
      if (!fmt.equals("jpg")) {
        assertEquals(0x123456, d.pixels().rgb(3, 4), fmt);
      }
    }
  }

  @Test
  void aBrokenFileFailsWithItsNameAndReason() throws Exception {
    Path bad = Files.write(tmp.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bad));
    assertTrue(e.getMessage().contains("broken.jpg"), e.getMessage());
    Path text = Files.writeString(tmp.resolve("notes.png"), "just text");
    assertThrows(ImageDecodeException.class, () -> decoder.decode(text));
  }
}
