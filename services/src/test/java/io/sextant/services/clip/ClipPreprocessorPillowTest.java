package io.sextant.services.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sextant.services.images.ImageDecoder;
import io.sextant.services.images.RgbImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our preprocessing against Pillow (scripts/clip/pillow_preprocess.py) on every image under
 * ../shared/images. Two claims, measured separately:
 * <ul>
 *   <li>resampling: fed Pillow's own decoded pixels, our bicubic resize + crop is bit-identical;
 *   <li>whole pipeline (our decoder included): measured bit-identical on all 262 images
 *       (docs/CLIP.md); allowed at most {@value #MAX_LEVELS} levels of 255 per channel and a mean
 *       under {@value #MAX_MEAN}, since another JDK's JPEG decoder could round differently.
 * </ul>
 * Skips when python3-pil or the shared images are absent.
 */
class ClipPreprocessorPillowTest {
  static final int MAX_LEVELS = 2;
  static final double MAX_MEAN = 0.05;

  @Test
  void matchesPillowOnTheSharedImages(@TempDir Path out) throws Exception {
    Path root = SharedClipData.require("images");
    List<Path> images;
    try (Stream<Path> s = Files.walk(root)) {
      images = s.filter(Files::isRegularFile).filter(ImageDecoder::isImage).sorted().toList();
    }
    assumeTrue(!images.isEmpty(), "no images under " + root);
    runPillow(images, out);
    ImageDecoder decoder = new ImageDecoder();
    ClipPreprocessor pre = ClipPreprocessor.OPENAI;
    int worst = 0;
    long diffSum = 0;
    long values = 0;
    int exactFiles = 0;
    StringBuilder report = new StringBuilder();
    for (int i = 0; i < images.size(); i++) {
      RgbImage pillowDecoded = readDecoded(out.resolve(i + ".decoded.rgb"));
      int[] pillowCrop = rgb(Files.readAllBytes(out.resolve(i + ".crop.rgb")));
      // 1. the resampler alone: must be exact
      RgbImage ours = pre.resizeAndCrop(pillowDecoded);
      int[] d1 = diff(ours.pixels(), pillowCrop);
      assertEquals(0, d1[0], "resampling differs from Pillow on " + images.get(i));
      // 2. the whole pipeline
      RgbImage full = pre.resizeAndCrop(decoder.decode(images.get(i)).pixels());
      assertEquals(pillowDecoded.width(), decoder.decode(images.get(i)).pixels().width(), "width of " + images.get(i));
      int[] d2 = diff(full.pixels(), pillowCrop);
      worst = Math.max(worst, d2[0]);
      diffSum += d2[1];
      values += 3L * pillowCrop.length;
      if (d2[0] == 0) {
        exactFiles++;
      } else if (d2[0] > MAX_LEVELS) {
        System.out.println("differs: " + images.get(i) + " max " + d2[0] + " mean " + (double) d2[1] / (3.0 * pillowCrop.length));
      } else if (images.get(i).toString().endsWith(".png")) {
        report.append(images.get(i)).append(" max ").append(d2[0]).append('\n');
      }
    }
    double mean = (double) diffSum / values;
    System.out.printf("Pillow parity: %d images, resampling exact on all; full pipeline exact on %d,"
        + " max %d levels, mean %.4f levels%n", images.size(), exactFiles, worst, mean);
    assertTrue(report.isEmpty(), "PNG files differ:\n" + report);
    assertTrue(worst <= MAX_LEVELS, "max difference " + worst + " levels");
    assertTrue(mean < MAX_MEAN, "mean difference " + mean + " levels");
  }

  private static void runPillow(List<Path> images, Path out) throws IOException, InterruptedException {
    Path script = SharedClipData.projectRoot().resolve("scripts/clip/pillow_preprocess.py");
    Process p;
    try {
      p = new ProcessBuilder(SharedClipData.python(), script.toString(), out.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 not available");
      return;
    }
    try (var in = p.getOutputStream()) {
      for (Path img : images) {
        in.write((img + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    p.getInputStream().readAllBytes();
    assumeTrue(p.waitFor(600, TimeUnit.SECONDS) && p.exitValue() == 0, "Pillow reference did not run (python3-pil missing?)");
  }

  private static RgbImage readDecoded(Path f) throws IOException {
    byte[] all = Files.readAllBytes(f);
    int nl = 0;
    while (all[nl] != '\n') {
      nl++;
    }
    String[] wh = new String(all, 0, nl, StandardCharsets.US_ASCII).split(" ");
    int w = Integer.parseInt(wh[0]);
    int h = Integer.parseInt(wh[1]);
    byte[] px = java.util.Arrays.copyOfRange(all, nl + 1, all.length);
    return new RgbImage(w, h, rgb(px));
  }

  private static int[] rgb(byte[] b) {
    int[] out = new int[b.length / 3];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((b[3 * i] & 0xff) << 16) | ((b[3 * i + 1] & 0xff) << 8) | (b[3 * i + 2] & 0xff);
    }
    return out;
  }

  /** {max channel difference, sum of channel differences}. */
  private static int[] diff(int[] a, int[] b) {
    assertEquals(b.length, a.length);
    int max = 0;
    int sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int s = 0; s <= 16; s += 8) {
        int d = Math.abs(((a[i] >> s) & 0xff) - ((b[i] >> s) & 0xff));
        max = Math.max(max, d);
        sum += d;
      }
    }
    return new int[] {max, sum};
  }
}
