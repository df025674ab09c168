package io.sextant.services.clip;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * The tiny CLIP-shaped model in test resources (made by scripts/clip/make_tiny_clip.py: real ONNX
 * graphs with CLIP's input and output names and shapes, random weights) and test images.
 */
public final class TinyClip {
  public static final String[] FILES = {"text_model.onnx", "vision_model.onnx", "tokenizer.json", "preprocessor_config.json"};

  private TinyClip() {}

  /** Copies the tiny export (Hugging Face layout) into {@code dir}, which is returned. */
  public static Path copyTo(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String f : FILES) {
        try (InputStream in = TinyClip.class.getResourceAsStream("/clip-tiny/" + f)) {
          Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a picture: a background colour with a disc of another colour. */
  public static Path picture(Path file, int w, int h, Color background, Color disc) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, w, h);
    g.setColor(disc);
    g.fillOval(w / 4, h / 4, w / 2, h / 2);
    g.dispose();
    try {
      String name = file.getFileName().toString();
      ImageIO.write(img, name.substring(name.lastIndexOf('.') + 1), file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
