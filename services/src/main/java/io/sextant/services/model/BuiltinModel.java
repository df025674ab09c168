package io.sextant.services.model;

import java.util.Objects;

/**
 * A model shipped inside Sextant's class path (a langchain4j model jar used as a file carrier).
 *
 * @param manifest how to run it; its {@code onnxSha256} is the expected hash of the resource
 * @param onnxResource class-path resource name of the ONNX file
 * @param tokenizerResource class-path resource name of its tokenizer.json
 */
public record BuiltinModel(ModelManifest manifest, String onnxResource, String tokenizerResource) {
  public BuiltinModel {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(onnxResource, "onnxResource");
    Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    if (!manifest.onnxSha256().matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a built-in model needs its SHA-256: " + manifest.id());
    }
  }

  public String id() {
    return manifest.id();
  }
}
