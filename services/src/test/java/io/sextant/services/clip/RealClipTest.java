package io.sextant.services.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.services.images.ImageDecoder;
import io.sextant.services.images.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs only with real CLIP weights: SEXTANT_CLIP_DIR points at an export (e.g. a folder made by
 * 'sextant models download clip-vit-b32-q'). Checks OpenAI's notebook result (each of the 8
 * skimage captions scores highest on its own image) and caption-to-image recall on COCO-mini.
 */
class RealClipTest {
  /** OpenAI's notebook (Interacting_with_CLIP.ipynb): image -> description, prefixed "This is ". */
  static final Map<String, String> NOTEBOOK = Map.of(
      "page.png", "a page of text about segmentation",
      "chelsea.png", "a facial photo of a tabby cat",
      "astronaut.png", "a portrait of an astronaut with the American flag",
      "rocket.jpg", "a rocket standing on a launchpad",
      "motorcycle_right.png", "a red motorcycle standing in a garage",
      "camera.png", "a person looking at a camera on a tripod",
      "horse.png", "a black-and-white silhouette of a horse",
      "coffee.png", "a cup of coffee on a saucer");

  static ClipModel clip;

  @BeforeAll
  static void open() {
    String dir = System.getenv("SEXTANT_CLIP_DIR");
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "SEXTANT_CLIP_DIR not set: no real CLIP weights");
    clip = ClipModel.open(Path.of(dir), 0);
  }

  @AfterAll
  static void close() {
    if (clip != null) {
      clip.close();
    }
  }

  @Test
  void eachNotebookCaptionScoresHighestOnItsOwnImage() throws Exception {
    Path sk = SharedClipData.require("images/skimage");
    ImageDecoder dec = new ImageDecoder();
    List<String> names = new ArrayList<>(NOTEBOOK.keySet());
    List<RgbImage> imgs = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (String n : names) {
      imgs.add(dec.decode(sk.resolve(n)).pixels());
      texts.add("This is " + NOTEBOOK.get(n));
    }
    List<float[]> iv = clip.embedImages(imgs);
    List<float[]> tv = clip.embedTexts(texts);
    for (int t = 0; t < names.size(); t++) {
      int best = -1;
      double bestScore = -2;
      for (int i = 0; i < names.size(); i++) {
        double s = dot(tv.get(t), iv.get(i));
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
      System.out.printf("%-22s own %.3f%n", names.get(t), dot(tv.get(t), iv.get(t)));
      assertEquals(names.get(t), names.get(best), "caption '" + texts.get(t) + "'");
    }
  }

  @Test
  void captionToImageRecallOnCocoMini() throws Exception {
    Path coco = SharedClipData.require("images/coco-mini");
    ObjectMapper json = new ObjectMapper();
    ImageDecoder dec = new ImageDecoder();
    List<float[]> iv = new ArrayList<>();
    List<List<String>> caps = new ArrayList<>();
    for (String line : Files.readAllLines(coco.resolve("captions.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      iv.add(clip.embedImage(dec.decode(coco.resolve(n.get("file").asText())).pixels()));
      List<String> c = new ArrayList<>();
      n.get("captions").forEach(x -> c.add(x.asText()));
      caps.add(c);
    }
    int total = 0;
    int at1 = 0;
    int at5 = 0;
    for (int img = 0; img < caps.size(); img++) {
      for (float[] t : clip.embedTexts(caps.get(img))) {
        double own = dot(t, iv.get(img));
        int better = 0;
        for (int j = 0; j < iv.size(); j++) {
          if (j != img && dot(t, iv.get(j)) > own) {
            better++;
          }
        }
        total++;
        at1 += better == 0 ? 1 : 0;
        at5 += better < 5 ? 1 : 0;
      }
    }
    double r1 = (double) at1 / total;
    double r5 = (double) at5 / total;
    System.out.printf("COCO-mini caption->image: %d captions over %d images, recall@1 %.3f, recall@5 %.3f%n",
        total, iv.size(), r1, r5);
    // ViT-B/32 retrieves far above chance (1/159, 5/159) on this small gallery.
    assertTrue(r1 > 0.4, "recall@1 " + r1);
    assertTrue(r5 > 0.75, "recall@5 " + r5);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
