package io.sextant.services.rerank;

import io.sextant.services.model.BuiltinModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The test cross-encoder: the tiny generated ONNX graph of the Hugging Face cross-encoder
 * signature (scripts/make-tiny-cross-encoder.py) plus MiniLM's tokenizer.json, taken from the
 * built-in model's jar at test time rather than copied into the repository.
 */
public final class TinyCrossEncoder {

  private TinyCrossEncoder() {}

  /** Writes a cross-encoder folder ({@code model.onnx}, {@code tokenizer.json}) at {@code dir}. */
  public static Path install(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (InputStream onnx = TinyCrossEncoder.class.getResourceAsStream("/rerank/tiny-cross-encoder.onnx")) {
      Files.copy(onnx, dir.resolve(CrossEncoder.ONNX_FILE), StandardCopyOption.REPLACE_EXISTING);
    }
    String tokenizer = BuiltinModels.find("all-minilm-l6-v2-q").orElseThrow().tokenizerResource();
    try (InputStream tok = TinyCrossEncoder.class.getClassLoader().getResourceAsStream(tokenizer)) {
      if (tok == null) {
        throw new IllegalStateException("MiniLM tokenizer not on the class path: " + tokenizer);
      }
      Files.copy(tok, dir.resolve(CrossEncoder.TOKENIZER_FILE), StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }
}
