package io.sextant.services.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The thumbnail cache of a workspace: {@code <dir>/<ab>/<content sha-256>.png}, at most
 * {@value #MAX_SIDE} pixels on the long side, upright. Keyed by content, so a renamed file keeps
 * its thumbnail and an edited one gets a new one. Written to a temporary file and moved, so a
 * reader never sees half a PNG.
 */
public final class Thumbnails {
  public static final int MAX_SIDE = 256;

  private final Path dir;

  public Thumbnails(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
  }

  public Path file(String contentSha256) {
    return dir.resolve(contentSha256.substring(0, 2)).resolve(contentSha256 + ".png");
  }

  public Optional<Path> find(String contentSha256) {
    Path f = file(contentSha256);
    return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
  }

  /** The thumbnail of an already decoded image, writing it if missing. */
  public Path ensure(String contentSha256, RgbImage img) throws IOException {
    Path f = file(contentSha256);
    if (Files.isRegularFile(f)) {
      return f;
    }
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(img.width(), img.height()));
    int w = Math.max(1, (int) Math.round(img.width() * scale));
    int h = Math.max(1, (int) Math.round(img.height() * scale));
    RgbImage small = scale < 1.0 ? PillowResampler.resize(img, w, h) : img;
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, small.pixels(), 0, w);
    Files.createDirectories(f.getParent());
    Path tmp = Files.createTempFile(f.getParent(), ".thumb", ".png");
    try {
      ImageIO.write(out, "png", tmp.toFile());
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return f;
  }
}
