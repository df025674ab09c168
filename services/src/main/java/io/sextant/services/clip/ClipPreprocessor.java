package io.sextant.services.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.services.images.PillowResampler;
import io.sextant.services.images.RgbImage;
import io.sextant.services.model.InvalidModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * CLIP image preprocessing as Hugging Face's CLIPImageProcessor does it: resize so the shortest
 * side is {@code size} (bicubic, Pillow's arithmetic, long side {@code floor(size * long / short)}),
 * centre crop {@code crop x crop} (offset {@code floor((side - crop) / 2)}), scale to [0, 1],
 * normalise per channel, channels first.
 *
 * @param size shortest side after resizing
 * @param crop side of the square centre crop
 * @param mean per-channel mean (R, G, B)
 * @param std per-channel standard deviation (R, G, B)
 */
public record ClipPreprocessor(int size, int crop, float[] mean, float[] std) {
  /** OpenAI CLIP's values (also in every ViT-B/32 preprocessor_config.json). */
  public static final ClipPreprocessor OPENAI = new ClipPreprocessor(224, 224,
      new float[] {0.48145466f, 0.4578275f, 0.40821073f},
      new float[] {0.26862954f, 0.26130258f, 0.27577711f});

  public ClipPreprocessor {
    if (size < 1 || crop < 1 || crop > size) {
      throw new IllegalArgumentException("need 1 <= crop <= size, got size " + size + ", crop " + crop);
    }
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("mean and std need 3 values each");
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std values must be positive: " + Arrays.toString(std));
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * Reads a Hugging Face {@code preprocessor_config.json} or an OpenCLIP {@code preprocess_cfg.json}
   * (a missing value takes OpenAI's).
   */
  public static ClipPreprocessor read(Path json) {
    try {
      JsonNode n = new ObjectMapper().readTree(json.toFile());
      int size = OPENAI.size;
      int crop = OPENAI.crop;
      JsonNode s = n.get("size");
      if (s != null && s.isObject() && s.has("shortest_edge")) {
        size = s.get("shortest_edge").asInt();
      } else if (s != null && s.isInt()) {
        size = s.asInt();
      } else if (s != null && s.isArray() && s.size() > 0) {
        size = s.get(0).asInt();
      }
      JsonNode c = n.get("crop_size");
      if (c != null && c.isObject() && c.has("height")) {
        crop = c.get("height").asInt();
      } else if (c != null && c.isInt()) {
        crop = c.asInt();
      } else {
        crop = size;
      }
      float[] mean = floats(n, json, "image_mean", "mean", OPENAI.mean);
      float[] std = floats(n, json, "image_std", "std", OPENAI.std);
      return new ClipPreprocessor(size, crop, mean, std);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidModelException("cannot read image preprocessing settings " + json + ": " + e.getMessage(), e);
    }
  }

  private static float[] floats(JsonNode n, Path json, String hfName, String openClipName, float[] dflt) {
    JsonNode a = n.has(hfName) ? n.get(hfName) : n.get(openClipName);
    if (a == null) {
      return dflt;
    }
    if (!a.isArray() || a.size() != 3) {
      throw new IllegalArgumentException(hfName + " must be a list of 3 numbers");
    }
    return new float[] {(float) a.get(0).asDouble(), (float) a.get(1).asDouble(), (float) a.get(2).asDouble()};
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** The resized and centre-cropped 8-bit image the tensor is made from. */
  public RgbImage resizeAndCrop(RgbImage img) {
    int w = img.width();
    int h = img.height();
    int newW;
    int newH;
    if (w <= h) {
      newW = size;
      newH = (int) ((long) size * h / w);
    } else {
      newH = size;
      newW = (int) ((long) size * w / h);
    }
    RgbImage resized = PillowResampler.resize(img, newW, newH);
    return resized.crop((newW - crop) / 2, (newH - crop) / 2, crop, crop);
  }

  /** {@code [3, crop, crop]} floats, channels first, normalised. */
  public float[] tensor(RgbImage img) {
    RgbImage c = resizeAndCrop(img);
    int n = crop * crop;
    float[] out = new float[3 * n];
    int[] px = c.pixels();
    for (int ch = 0; ch < 3; ch++) {
      int shift = 16 - 8 * ch;
      float m = mean[ch];
      float s = std[ch];
      for (int i = 0; i < n; i++) {
        // Same float32 steps as Hugging Face: rescale by 1/255, then (x - mean) / std.
        float v = ((px[i] >> shift) & 0xff) * (float) (1 / 255.0);
        out[ch * n + i] = (v - m) / s;
      }
    }
    return out;
  }
}
