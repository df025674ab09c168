package io.sextant.services.clip;

import io.sextant.services.model.InvalidModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of a CLIP export, found in either layout:
 * <ul>
 *   <li>Hugging Face / Transformers.js ({@code Xenova/clip-vit-base-patch32}): {@code
 *       [onnx/]text_model*.onnx}, {@code [onnx/]vision_model*.onnx}, {@code tokenizer.json},
 *       {@code preprocessor_config.json};
 *   <li>OpenCLIP-style ({@code textual/model.onnx}, {@code visual/model.onnx}, {@code
 *       textual/tokenizer.json}, {@code visual/preprocess_cfg.json}, as Immich and clip-onnx
 *       exports have them; or the same flat as {@code textual.onnx} and {@code visual.onnx}).
 * </ul>
 * Where several variants exist (fp32, fp16, quantized) the full-precision file is preferred:
 * it is what the reference figures are measured with.
 *
 * @param preprocessorConfig empty when the export has none (OpenAI's values are used)
 */
public record ClipLayout(String kind, Path textModel, Path visionModel, Path tokenizer,
    Optional<Path> preprocessorConfig) {

  public static ClipLayout find(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new InvalidModelException("CLIP model folder not found: " + folder);
    }
    Optional<Path> text = firstOnnx(folder, "text_model").or(() -> firstOnnx(folder.resolve("onnx"), "text_model"));
    Optional<Path> vision = firstOnnx(folder, "vision_model").or(() -> firstOnnx(folder.resolve("onnx"), "vision_model"));
    if (text.isPresent() || vision.isPresent()) {
      return complete("huggingface", folder, text, vision,
          List.of(folder.resolve("tokenizer.json")),
          List.of(folder.resolve("preprocessor_config.json"), folder.resolve("onnx/preprocessor_config.json")));
    }
    Optional<Path> textual = existing(folder.resolve("textual/model.onnx"), folder.resolve("textual.onnx"));
    Optional<Path> visual = existing(folder.resolve("visual/model.onnx"), folder.resolve("visual.onnx"));
    if (textual.isPresent() || visual.isPresent()) {
      return complete("openclip", folder, textual, visual,
          List.of(folder.resolve("textual/tokenizer.json"), folder.resolve("tokenizer.json")),
          List.of(folder.resolve("visual/preprocess_cfg.json"), folder.resolve("preprocess_cfg.json"),
              folder.resolve("preprocessor_config.json")));
    }
    throw new InvalidModelException(folder + " is not a CLIP export: expected text_model*.onnx and"
        + " vision_model*.onnx (Hugging Face layout, also under onnx/) or textual/model.onnx and"
        + " visual/model.onnx (OpenCLIP layout)");
  }

  private static ClipLayout complete(String kind, Path folder, Optional<Path> text, Optional<Path> vision,
      List<Path> tokenizers, List<Path> configs) {
    List<String> missing = new ArrayList<>();
    if (text.isEmpty()) {
      missing.add("the text tower (" + (kind.equals("openclip") ? "textual/model.onnx" : "text_model*.onnx") + ")");
    }
    if (vision.isEmpty()) {
      missing.add("the vision tower (" + (kind.equals("openclip") ? "visual/model.onnx" : "vision_model*.onnx") + ")");
    }
    Optional<Path> tok = existing(tokenizers.toArray(Path[]::new));
    if (tok.isEmpty()) {
      missing.add("tokenizer.json");
    }
    if (!missing.isEmpty()) {
      throw new InvalidModelException("CLIP export " + folder + " (" + kind + " layout) lacks "
          + String.join(", ", missing));
    }
    return new ClipLayout(kind, text.get(), vision.get(), tok.get(), existing(configs.toArray(Path[]::new)));
  }

  private static Optional<Path> existing(Path... candidates) {
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> firstOnnx(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".onnx");
          })
          // Shortest name first: text_model.onnx before text_model_fp16/_quantized.onnx.
          .min(Comparator.comparingInt((Path p) -> p.getFileName().toString().length())
              .thenComparing(p -> p.getFileName().toString()));
    } catch (IOException e) {
      throw new InvalidModelException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
