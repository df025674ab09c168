package io.sextant.services.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model on disk: {@code model.onnx}, {@code tokenizer.json} and {@code manifest.json} in one
 * folder named after the model id. Built-ins are materialised into this layout so that ONNX
 * Runtime can load them from a file rather than from a heap copy of a class-path resource.
 *
 * @param dir the folder
 * @param manifest its manifest
 */
public record ModelFolder(Path dir, ModelManifest manifest) {
  public static final String ONNX_FILE = "model.onnx";
  public static final String TOKENIZER_FILE = "tokenizer.json";
  public static final String MANIFEST_FILE = "manifest.json";

  public ModelFolder {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(manifest, "manifest");
  }

  /**
   * Reads a folder's manifest and checks that its files exist and that the folder name matches
   * the manifest id; does not hash or load the model (see {@link #verifyChecksum()}).
   */
  public static ModelFolder read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidModelException("not a model folder: " + dir);
    }
    ModelManifest manifest = ManifestJson.read(dir.resolve(MANIFEST_FILE));
    String name = dir.getFileName().toString();
    if (!manifest.id().equals(name)) {
      throw new InvalidModelException(
          "manifest id '" + manifest.id() + "' does not match the folder name '" + name + "' in " + dir);
    }
    ModelFolder folder = new ModelFolder(dir, manifest);
    requireFile(folder.onnxFile(), "ONNX model");
    requireFile(folder.tokenizerFile(), "tokenizer");
    return folder;
  }

  public Path onnxFile() {
    return dir.resolve(ONNX_FILE);
  }

  public Path tokenizerFile() {
    return dir.resolve(TOKENIZER_FILE);
  }

  public Path manifestFile() {
    return dir.resolve(MANIFEST_FILE);
  }

  /**
   * Checks the ONNX file against the manifest's SHA-256 (when it has one), so a file damaged or
   * replaced after import is not silently used to build an index.
   */
  public void verifyChecksum() {
    if (manifest.onnxSha256().isEmpty()) {
      return;
    }
    if (ChecksumMemo.verified(onnxFile(), manifest.onnxSha256())) {
      return; // hashed before and unchanged since (ChecksumMemo says why)
    }
    String actual;
    try {
      actual = Sha256.of(onnxFile());
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + onnxFile() + ": " + e, e);
    }
    if (!actual.equalsIgnoreCase(manifest.onnxSha256())) {
      // What happened and what to do come first: the workbench shows this in one status line.
      throw new InvalidModelException(
          "model '" + manifest.id() + "' is damaged: its model.onnx was changed or truncated after import;"
              + " import the model again (" + onnxFile() + " has SHA-256 " + actual
              + ", manifest.json expects " + manifest.onnxSha256() + ")");
    }
    ChecksumMemo.remember(onnxFile(), actual);
  }

  static void requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException(what + " file not found: " + file);
    }
  }
}
