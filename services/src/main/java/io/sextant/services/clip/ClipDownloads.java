package io.sextant.services.clip;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CLIP exports Sextant knows how to download, with the files to fetch.
 *
 * <p>Pins: the SHA-256 of each file must be checked before use. The values for the Hugging Face
 * files could not be read from this build environment (Hugging Face is unreachable here and no
 * reachable source publishes them), so they are left empty and the download records the hash it
 * computed in the model's {@code clip.json} ("trust on first use", reported to the user); fill
 * them in from the repository's file listing (the LFS {@code oid sha256:} of each file) to make
 * every download verified. Sizes are checked against the server's Content-Length.
 */
public final class ClipDownloads {
  /** The default model id. */
  public static final String DEFAULT = "clip-vit-b32-q";

  /** One file of an export: where it goes in the model folder, its URL, its pinned hash if known. */
  public record PinnedFile(String path, URI url, Optional<String> sha256) {}

  /** A downloadable export. */
  public record Export(String id, String description, List<PinnedFile> files) {}

  private static final String XENOVA = "https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main/";

  private static final Map<String, Export> EXPORTS = Map.of(
      DEFAULT, new Export(DEFAULT,
          "OpenAI CLIP ViT-B/32, int8-quantised towers (Hugging Face Xenova/clip-vit-base-patch32, ~150 MB)",
          List.of(
              file("onnx/text_model_quantized.onnx", XENOVA + "onnx/text_model_quantized.onnx"),
              file("onnx/vision_model_quantized.onnx", XENOVA + "onnx/vision_model_quantized.onnx"),
              file("tokenizer.json", XENOVA + "tokenizer.json"),
              file("preprocessor_config.json", XENOVA + "preprocessor_config.json"))),
      "clip-vit-b32", new Export("clip-vit-b32",
          "OpenAI CLIP ViT-B/32, float32 towers (Hugging Face Xenova/clip-vit-base-patch32, ~600 MB)",
          List.of(
              file("onnx/text_model.onnx", XENOVA + "onnx/text_model.onnx"),
              file("onnx/vision_model.onnx", XENOVA + "onnx/vision_model.onnx"),
              file("tokenizer.json", XENOVA + "tokenizer.json"),
              file("preprocessor_config.json", XENOVA + "preprocessor_config.json"))));

  private ClipDownloads() {}

  private static PinnedFile file(String path, String url) {
    return new PinnedFile(path, URI.create(url), Optional.empty());
  }

  public static Optional<Export> find(String id) {
    return Optional.ofNullable(EXPORTS.get(id));
  }

  public static List<String> ids() {
    return EXPORTS.keySet().stream().sorted().toList();
  }
}
