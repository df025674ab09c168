package io.sextant.services.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes real JPEG files carrying an EXIF block (make, model, orientation, date taken). */
public final class ExifJpeg {
  private ExifJpeg() {}

  /** A {@code w x h} JPEG: left half red, right half blue, with the given EXIF. */
  public static Path write(Path file, int w, int h, String make, String model, int orientation,
      String dateTaken) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, w / 2, h);
    g.setColor(Color.BLUE);
    g.fillRect(w / 2, 0, w - w / 2, h);
    g.dispose();
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", jpeg);
    byte[] plain = jpeg.toByteArray();
    byte[] tiff = tiff(make, model, orientation, dateTaken);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, 2); // SOI
    int len = 2 + 6 + tiff.length;
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len});
    out.write("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    out.write(tiff);
    out.write(plain, 2, plain.length - 2);
    Files.write(file, out.toByteArray());
    return file;
  }

  private static byte[] tiff(String make, String model, int orientation, String date) {
    byte[] mk = (make + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] md = (model + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] dt = (date + "\0").getBytes(StandardCharsets.US_ASCII);
    int ifd0 = 8;
    int makeAt = ifd0 + 2 + 4 * 12 + 4;
    int modelAt = makeAt + mk.length;
    int exifAt = (modelAt + md.length + 1) & ~1;
    int dateAt = exifAt + 2 + 12 + 4;
    ByteBuffer b = ByteBuffer.allocate(dateAt + dt.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0);
    b.putShort((short) 4);
    entry(b, 0x010F, 2, mk.length, makeAt);
    entry(b, 0x0110, 2, md.length, modelAt);
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    entry(b, 0x8769, 4, 1, exifAt);
    b.putInt(0);
    b.position(makeAt);
    b.put(mk);
    b.position(modelAt);
    b.put(md);
    b.position(exifAt);
    b.putShort((short) 1);
    entry(b, 0x9003, 2, dt.length, dateAt);
    b.putInt(0);
    b.put(dt);
    return b.array();
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
  }
}
