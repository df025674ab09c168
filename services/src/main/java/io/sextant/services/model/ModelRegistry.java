package io.sextant.services.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The models Sextant can use: the built-ins and the user models imported into a models folder.
 *
 * <p>Layout: {@code <modelsDir>/<id>/} holds {@code model.onnx}, {@code tokenizer.json} and
 * {@code manifest.json}, for materialised built-ins and imported models alike. Entries whose name
 * starts with '.' are work in progress (imports, extractions) and are ignored.
 */
public final class ModelRegistry {
  private final Path modelsDir;

  public ModelRegistry(Path modelsDir) {
    this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir").toAbsolutePath();
    if (Files.exists(this.modelsDir) && !Files.isDirectory(this.modelsDir)) {
      throw new IllegalArgumentException("models path exists but is not a folder: " + this.modelsDir);
    }
  }

  public Path modelsDir() {
    return modelsDir;
  }

  /**
   * Every built-in (in {@link BuiltinModels#all()} order) then every user model folder (by name),
   * each with its status. Never throws for a bad folder: it is listed as {@link ModelStatus#BROKEN}
   * with the reason, so one broken import cannot hide the others.
   */
  public List<ModelEntry> list() {
    List<ModelEntry> entries = new ArrayList<>();
    for (BuiltinModel model : BuiltinModels.all()) {
      entries.add(builtinEntry(model));
    }
    for (Path dir : userFolders()) {
      entries.add(userEntry(dir));
    }
    return entries;
  }

  /**
   * One model's line of {@link #list()}, with the same cheap checks (no model is loaded, no
   * checksum computed). An id that names no built-in and no folder is {@link ModelStatus#BROKEN}
   * too: a workspace can remember a model whose folder was deleted since.
   */
  public ModelEntry entry(String id) {
    Objects.requireNonNull(id, "id");
    var builtin = BuiltinModels.find(id);
    if (builtin.isPresent()) {
      return builtinEntry(builtin.get());
    }
    Path dir = modelsDir.resolve(id).normalize();
    if (id.startsWith(".") || !modelsDir.equals(dir.getParent())) {
      throw new IllegalArgumentException("not a model id: '" + id + "'");
    }
    if (!Files.isDirectory(dir)) {
      return broken(id, null, dir, "its folder " + dir + " is missing");
    }
    return userEntry(dir);
  }

  /** The manifest of a model, without loading it. */
  public ModelManifest manifest(String id) {
    var builtin = BuiltinModels.find(id);
    if (builtin.isPresent()) {
      return builtin.get().manifest();
    }
    return ModelFolder.read(userDir(id)).manifest();
  }

  /**
   * Loads a model, extracting a built-in first if needed and checking the ONNX file's SHA-256.
   *
   * @param threads intra-op threads; {@code <= 0} means one per available processor
   * @throws IllegalArgumentException for an unknown id, listing the known ones
   * @throws InvalidModelException when the model's files are missing or unusable
   */
  public TextEmbedder open(String id, int threads) {
    return OnnxTextEmbedder.open(folder(id), threads);
  }

  /** The verified folder of a model (materialised if a built-in). */
  public ModelFolder folder(String id) {
    var builtin = BuiltinModels.find(id);
    if (builtin.isPresent()) {
      try {
        return BuiltinModels.materialise(builtin.get(), modelsDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot extract built-in model " + id + " to " + modelsDir, e);
      }
    }
    ModelFolder folder = ModelFolder.read(userDir(id));
    folder.verifyChecksum();
    return folder;
  }

  /** Ids of all built-ins and user folders, sorted; used in "unknown model" messages. */
  public List<String> ids() {
    TreeSet<String> ids = new TreeSet<>(BuiltinModels.ids());
    for (Path dir : userFolders()) {
      ids.add(dir.getFileName().toString());
    }
    return List.copyOf(ids);
  }

  private Path userDir(String id) {
    Objects.requireNonNull(id, "id");
    Path dir = modelsDir.resolve(id).normalize();
    // The second check keeps ids like "../x" from escaping the models folder.
    if (id.startsWith(".") || !dir.getParent().equals(modelsDir) || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("unknown model '" + id + "'; known models: " + String.join(", ", ids()));
    }
    return dir;
  }

  private ModelEntry builtinEntry(BuiltinModel model) {
    Path dir = modelsDir.resolve(model.id());
    if (!BuiltinModels.onClassPath(model)) {
      return new ModelEntry(model.id(), true, ModelStatus.BROKEN,
          "resource " + model.onnxResource() + " or " + model.tokenizerResource()
              + " is not on the class path", model.manifest(), dir);
    }
    if (BuiltinModels.looksMaterialised(model, dir)) {
      return new ModelEntry(model.id(), true, ModelStatus.AVAILABLE, "", model.manifest(), dir);
    }
    String reason = Files.exists(dir) ? "incomplete, will be extracted again when opened" : "extracted when first opened";
    return new ModelEntry(model.id(), true, ModelStatus.NOT_MATERIALISED, reason, model.manifest(), dir);
  }

  private static ModelEntry userEntry(Path dir) {
    String name = dir.getFileName().toString();
    ModelManifest manifest = null;
    try {
      ModelFolder folder = ModelFolder.read(dir);
      manifest = folder.manifest();
      if (!OnnxFiles.looksLikeOnnx(folder.onnxFile())) {
        return broken(name, manifest, dir, folder.onnxFile() + " is not an ONNX model (no ModelProto header)");
      }
      String cut = OnnxFiles.truncation(folder.onnxFile());
      if (cut != null) {
        return broken(name, manifest, dir, folder.onnxFile() + " " + cut + "; import the model again");
      }
      if (!(ManifestJson.mapper().readTree(folder.tokenizerFile().toFile()) instanceof
          com.fasterxml.jackson.databind.node.ObjectNode)) {
        return broken(name, manifest, dir, folder.tokenizerFile() + " is not a JSON object");
      }
      return new ModelEntry(name, false, ModelStatus.AVAILABLE, "", manifest, dir);
    } catch (InvalidModelException e) {
      // A missing model.onnx fails the folder, yet the manifest (where it was imported from)
      // still helps whoever repairs it.
      return broken(name, manifest != null ? manifest : manifestIfReadable(dir), dir, e.getMessage());
    } catch (IOException | RuntimeException e) {
      // Unreadable files, malformed tokenizer JSON, permissions: still only this entry is broken.
      return broken(name, manifest, dir, "cannot read " + dir + ": " + e.getMessage());
    }
  }

  private static ModelManifest manifestIfReadable(Path dir) {
    try {
      return ManifestJson.read(dir.resolve(ModelFolder.MANIFEST_FILE));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static ModelEntry broken(String name, ModelManifest manifest, Path dir, String reason) {
    return new ModelEntry(name, false, ModelStatus.BROKEN, reason, manifest, dir);
  }

  private List<Path> userFolders() {
    if (!Files.isDirectory(modelsDir)) {
      return List.of();
    }
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(modelsDir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        // CLIP folders (marked by clip.json) are listed by clip.ClipModels, not here.
        if (!name.startsWith(".") && Files.isDirectory(p) && BuiltinModels.find(name).isEmpty()
            && !Files.isRegularFile(p.resolve("clip.json"))) {
          dirs.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list models folder " + modelsDir, e);
    }
    dirs.sort(null);
    return dirs;
  }
}
