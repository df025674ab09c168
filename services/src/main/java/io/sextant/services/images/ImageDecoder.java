package io.sextant.services.images;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files to upright 8-bit RGB with ImageIO (the TwelveMonkeys readers add WebP, TIFF
 * variants, CMYK JPEG) and reads EXIF with metadata-extractor. Thread-safe (stateless).
 *
 * <p>Pixels are taken from the raster, not {@link BufferedImage#getRGB}: for grey images getRGB
 * converts through Java's linear-grey colour space and brightens mid-tones, whereas Pillow (the
 * reference CLIP pipelines use) copies grey values straight into R, G and B. Alpha is dropped
 * without compositing, as Pillow's {@code convert("RGB")} does.
 */
public final class ImageDecoder {
  /** Lower-case file extensions treated as images. */
  public static final Set<String> EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff");

  static {
    // Plugins registered through ServiceLoader are found only after a scan when the class path
    // was set up after ImageIO first loaded (e.g. under a test runner).
    ImageIO.scanForPlugins();
    ImageIO.setUseCache(false);
  }

  public static boolean isImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Decodes a file (first frame of animations and multi-page files), EXIF orientation applied. */
  public DecodedImage decode(Path file) throws ImageDecodeException {
    if (!Files.isRegularFile(file)) {
      throw new ImageDecodeException(file, "not a readable file", null);
    }
    BufferedImage img = null;
    String format = null;
    Exception failure = null;
    // The JDK's own readers first: they hand over decoded samples without applying an embedded
    // ICC profile, as Pillow does (TwelveMonkeys converts to sRGB, which moved 100 of the 242 COCO
    // JPEGs by up to 111 levels). TwelveMonkeys readers are the fallback (WebP, TIFF, CMYK JPEG).
    for (ImageReader reader : readers(file)) {
      try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
        reader.setInput(in, true, true);
        img = reader.read(0, rawColourParam(reader));
        format = reader.getFormatName().toLowerCase(Locale.ROOT);
        break;
      } catch (IOException | RuntimeException e) {
        failure = e;
      } finally {
        reader.dispose();
      }
    }
    if (img == null) {
      throw new ImageDecodeException(file, failure == null ? "not an image format Sextant can read"
          : failure.getMessage() == null ? failure.toString() : failure.getMessage(), failure);
    }
    Exif exif = readExif(file);
    RgbImage upright = toRgb(img).oriented(exif.orientation);
    return new DecodedImage(upright, new ImageMetadata(upright.width(), upright.height(), format,
        exif.orientation, exif.taken, exif.make, exif.model));
  }

  /** Just the metadata, decoding the pixels as well (dimensions must be upright). */
  public ImageMetadata metadata(Path file) throws ImageDecodeException {
    return decode(file).metadata();
  }

  /**
   * Asks for the file's own colour space when it embeds an RGB ICC profile: the JDK's JPEG reader
   * otherwise converts to sRGB (moving a wide-gamut COCO photo by up to 111 levels), while Pillow,
   * and so every CLIP pipeline, uses the stored values.
   */
  private static javax.imageio.ImageReadParam rawColourParam(ImageReader reader) throws IOException {
    javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
    for (Iterator<javax.imageio.ImageTypeSpecifier> it = reader.getImageTypes(0); it.hasNext(); ) {
      javax.imageio.ImageTypeSpecifier t = it.next();
      var cs = t.getColorModel().getColorSpace();
      if (!cs.isCS_sRGB() && cs.getType() == java.awt.color.ColorSpace.TYPE_RGB && t.getNumBands() == 3) {
        param.setDestinationType(t);
        break;
      }
    }
    return param;
  }

  private static java.util.List<ImageReader> readers(Path file) throws ImageDecodeException {
    java.util.List<ImageReader> jdk = new java.util.ArrayList<>();
    java.util.List<ImageReader> others = new java.util.ArrayList<>();
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new ImageDecodeException(file, "cannot open", null);
      }
      for (Iterator<ImageReader> it = ImageIO.getImageReaders(in); it.hasNext(); ) {
        ImageReader r = it.next();
        (r.getClass().getName().startsWith("com.sun.") ? jdk : others).add(r);
      }
    } catch (IOException e) {
      throw new ImageDecodeException(file, e.getMessage(), e);
    }
    jdk.addAll(others);
    return jdk;
  }

  static RgbImage toRgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] out = new int[w * h];
    Raster r = img.getRaster();
    int bands = r.getNumBands();
    boolean eightBit = r.getSampleModel().getSampleSize(0) == 8;
    if (!(img.getColorModel() instanceof IndexColorModel) && eightBit && bands <= 2) {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          int v = row[x];
          out[y * w + x] = (v << 16) | (v << 8) | v;
        }
      }
    } else if (!(img.getColorModel() instanceof IndexColorModel) && eightBit && bands >= 3
        && img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_RGB) {
      // Raw samples even under an embedded ICC profile (see decode).
      int[] rr = new int[w];
      int[] gg = new int[w];
      int[] bb = new int[w];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, rr);
        r.getSamples(0, y, w, 1, 1, gg);
        r.getSamples(0, y, w, 1, 2, bb);
        for (int x = 0; x < w; x++) {
          out[y * w + x] = (rr[x] << 16) | (gg[x] << 8) | bb[x];
        }
      }
    } else {
      img.getRGB(0, 0, w, h, out, 0, w);
      for (int i = 0; i < out.length; i++) {
        out[i] &= 0xffffff;
      }
    }
    return new RgbImage(w, h, out);
  }

  private record Exif(int orientation, Optional<LocalDateTime> taken, Optional<String> make,
      Optional<String> model) {}

  private static Exif readExif(Path file) {
    try {
      Metadata md = ImageMetadataReader.readMetadata(file.toFile());
      int orientation = 1;
      Optional<String> make = Optional.empty();
      Optional<String> model = Optional.empty();
      Optional<LocalDateTime> taken = Optional.empty();
      ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
      if (ifd0 != null) {
        if (ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
          orientation = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        }
        make = clean(ifd0.getString(ExifIFD0Directory.TAG_MAKE));
        model = clean(ifd0.getString(ExifIFD0Directory.TAG_MODEL));
      }
      ExifSubIFDDirectory sub = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
      if (sub != null) {
        // EXIF dates carry no zone; read as UTC to get the wall-clock fields back unchanged.
        Date d = sub.getDateOriginal(TimeZone.getTimeZone("UTC"));
        if (d != null) {
          taken = Optional.of(LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC));
        }
      }
      return new Exif(orientation, taken, make, model);
    } catch (Exception e) {
      // Metadata is optional: a file whose EXIF is broken still decodes and is indexed upright-as-stored.
      return new Exif(1, Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  private static Optional<String> clean(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String t = s.replace('\0', ' ').strip();
    return t.isEmpty() ? Optional.empty() : Optional.of(t);
  }
}
