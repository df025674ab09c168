package io.sextant.services.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.images.ImageDecoder;
import io.sextant.services.images.RgbImage;
import io.sextant.services.model.InvalidModelException;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipModelTest {
  @TempDir Path tmp;

  @Test
  void huggingFaceLayoutEmbedsTextsAndImagesAsUnitVectors() throws Exception {
    try (ClipModel m = ClipModel.open(TinyClip.copyTo(tmp.resolve("hf")), 1)) {
      assertEquals("huggingface", m.layout().kind());
      assertEquals(512, m.dimensions());
      float[] a = m.embedText("a dog on a beach");
      assertEquals(1.0, norm(a), 1e-5);
      List<float[]> batch = m.embedTexts(List.of("x", "a dog on a beach", "a much longer text about cats and dogs"));
      assertArrayEquals(a, batch.get(1), 1e-5f, "padding inside a batch must not change a vector");
      RgbImage img = new ImageDecoder().decode(TinyClip.picture(tmp.resolve("p.png"), 300, 200, Color.BLUE, Color.YELLOW)).pixels();
      float[] v = m.embedImage(img);
      assertEquals(512, v.length);
      assertEquals(1.0, norm(v), 1e-5);
      assertArrayEquals(v, m.embedImages(List.of(img, img)).get(1), 1e-6f);
    }
  }

  @Test
  void openClipLayoutIsFoundInTextualAndVisualFolders() throws Exception {
    Path hf = TinyClip.copyTo(tmp.resolve("hf"));
    Path oc = tmp.resolve("oc");
    Files.createDirectories(oc.resolve("textual"));
    Files.createDirectories(oc.resolve("visual"));
    Files.copy(hf.resolve("text_model.onnx"), oc.resolve("textual/model.onnx"));
    Files.copy(hf.resolve("tokenizer.json"), oc.resolve("textual/tokenizer.json"));
    Files.copy(hf.resolve("vision_model.onnx"), oc.resolve("visual/model.onnx"));
    Files.writeString(oc.resolve("visual/preprocess_cfg.json"),
        "{\"size\": 224, \"mean\": [0.48145466, 0.4578275, 0.40821073], \"std\": [0.26862954, 0.26130258, 0.27577711]}");
    try (ClipModel m = ClipModel.open(oc, 1); ClipModel h = ClipModel.open(hf, 1)) {
      assertEquals("openclip", m.layout().kind());
      assertArrayEquals(h.embedText("red car"), m.embedText("red car"), 1e-6f);
    }
  }

  @Test
  void quantisedVariantsAreFoundUnderOnnxFolder() throws Exception {
    Path hf = TinyClip.copyTo(tmp.resolve("src"));
    Path x = tmp.resolve("xenova");
    Files.createDirectories(x.resolve("onnx"));
    Files.copy(hf.resolve("text_model.onnx"), x.resolve("onnx/text_model_quantized.onnx"));
    Files.copy(hf.resolve("vision_model.onnx"), x.resolve("onnx/vision_model_quantized.onnx"));
    Files.copy(hf.resolve("tokenizer.json"), x.resolve("tokenizer.json"));
    ClipLayout l = ClipLayout.find(x);
    assertTrue(l.textModel().endsWith("onnx/text_model_quantized.onnx"));
    assertTrue(l.preprocessorConfig().isEmpty());
  }

  @Test
  void badFoldersFailWithTheReason() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    var e = assertThrows(InvalidModelException.class, () -> ClipModel.open(empty, 1));
    assertTrue(e.getMessage().contains("not a CLIP export"), e.getMessage());

    Path half = TinyClip.copyTo(tmp.resolve("half"));
    Files.delete(half.resolve("vision_model.onnx"));
    e = assertThrows(InvalidModelException.class, () -> ClipModel.open(half, 1));
    assertTrue(e.getMessage().contains("vision tower"), e.getMessage());

    Path garbage = TinyClip.copyTo(tmp.resolve("garbage"));
    Files.writeString(garbage.resolve("text_model.onnx"), "not a model");
    e = assertThrows(InvalidModelException.class, () -> ClipModel.open(garbage, 1));
    assertTrue(e.getMessage().contains("text_model.onnx"), e.getMessage());

    Path swapped = TinyClip.copyTo(tmp.resolve("swapped"));
    Files.copy(swapped.resolve("vision_model.onnx"), swapped.resolve("text_model.onnx"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    e = assertThrows(InvalidModelException.class, () -> ClipModel.open(swapped, 1));
    assertTrue(e.getMessage().contains("token-id input"), e.getMessage());
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
