package io.sextant.services.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user model folder damaged after import, built from the real quantised MiniLM out of its
 * langchain4j jar: each damage gets an error naming the model and what is wrong, the process
 * survives (ONNX Runtime parses the damaged bytes in this JVM), and the other models still work.
 */
class DamagedModelFolderTest {

  @TempDir Path modelsDir;
  ModelFolder real;

  @BeforeEach
  void setUp() {
    real = TestModels.builtin(TestModels.MINILM_Q);
  }

  @Test
  void aTruncatedModelFileIsCaughtByItsChecksumAndTheOtherModelsStillEmbed() throws IOException {
    Path dir = userModel("mine", true);
    truncate(dir.resolve(ModelFolder.ONNX_FILE), Files.size(real.onnxFile()) / 2);
    ModelRegistry registry = new ModelRegistry(modelsDir);

    var e = assertThrows(InvalidModelException.class, () -> registry.open("mine", 1));
    assertTrue(e.getMessage().startsWith("model 'mine' is damaged"), e.getMessage());
    assertTrue(e.getMessage().contains("import the model again"), e.getMessage());
    assertStillEmbeds(registry, TestModels.MINILM_Q);
  }

  @Test
  void truncatedOrGarbledModelBytesWithoutAChecksumAreRefusedByOnnxRuntimeWithoutACrash()
      throws IOException {
    // No checksum in the manifest (a hand-written one): the bytes reach ONNX Runtime's parser.
    long size = Files.size(real.onnxFile());
    ModelRegistry registry = new ModelRegistry(modelsDir);
    for (long keep : List.of(16L, 4096L, size / 3, size - 1024)) {
      Path dir = userModel("cut-" + keep, false);
      truncate(dir.resolve(ModelFolder.ONNX_FILE), keep);
      var e = assertThrows(InvalidModelException.class, () -> registry.open("cut-" + keep, 1));
      assertTrue(e.getMessage().contains("cannot load ONNX model")
          || e.getMessage().contains("cannot read"), keep + " bytes: " + e.getMessage());
      assertTrue(e.getMessage().contains(dir.resolve(ModelFolder.ONNX_FILE).toString()), e.getMessage());
    }
    Path garbled = userModel("garbled", false);
    byte[] bytes = Files.readAllBytes(real.onnxFile());
    // Keep the ModelProto header so the file still looks like ONNX; damage the graph behind it.
    for (int i = 4096; i < bytes.length; i += 97) {
      bytes[i] = (byte) ~bytes[i];
    }
    Files.write(garbled.resolve(ModelFolder.ONNX_FILE), bytes);
    var e = assertThrows(InvalidModelException.class, () -> registry.open("garbled", 1));
    assertTrue(e.getMessage().contains("garbled"), e.getMessage());
    assertStillEmbeds(registry, TestModels.MINILM_Q);
  }

  @Test
  void aTruncatedModelFileIsListedAsBrokenBeforeAnyoneOpensIt() throws IOException {
    long size = Files.size(real.onnxFile());
    userModel("whole", false);
    for (long keep : List.of(40L, size / 3, size - 1)) {
      truncate(userModel("cut-" + keep, false).resolve(ModelFolder.ONNX_FILE), keep);
    }
    assertEquals(null, OnnxFiles.truncation(real.onnxFile()));
    assertEquals(null, OnnxFiles.truncation(TestModels.builtin(TestModels.MINILM).onnxFile()));
    var entries = new ModelRegistry(modelsDir).list();
    for (var e : entries) {
      if (e.id().startsWith("cut-")) {
        assertEquals(ModelStatus.BROKEN, e.status(), e.id());
        assertTrue(e.reason().contains("truncated"), e.id() + ": " + e.reason());
      } else if (e.id().equals("whole")) {
        assertEquals(ModelStatus.AVAILABLE, e.status(), e.reason());
      }
    }
  }

  @Test
  void aMissingModelFileIsListedAsBrokenAndRefusedByName() throws IOException {
    Path dir = userModel("mine", true);
    Files.delete(dir.resolve(ModelFolder.ONNX_FILE));
    ModelRegistry registry = new ModelRegistry(modelsDir);

    ModelEntry entry = entry(registry, "mine");
    assertEquals(ModelStatus.BROKEN, entry.status());
    assertTrue(entry.reason().contains("ONNX model file not found"), entry.reason());
    var e = assertThrows(InvalidModelException.class, () -> registry.open("mine", 1));
    assertTrue(e.getMessage().contains(dir.resolve(ModelFolder.ONNX_FILE).toString()), e.getMessage());
    assertStillEmbeds(registry, TestModels.MINILM_Q);
  }

  @Test
  void aBadTokenizerFileIsListedAsBrokenAndRefusedByName() throws IOException {
    Path half = userModel("half-json", true);
    String json = Files.readString(real.tokenizerFile());
    Files.writeString(half.resolve(ModelFolder.TOKENIZER_FILE), json.substring(0, json.length() / 2));
    Path wrong = userModel("not-a-tokenizer", true);
    Files.writeString(wrong.resolve(ModelFolder.TOKENIZER_FILE), "{\"version\": \"1.0\", \"model\": 42}");
    ModelRegistry registry = new ModelRegistry(modelsDir);

    assertEquals(ModelStatus.BROKEN, entry(registry, "half-json").status());
    for (Path dir : List.of(half, wrong)) {
      String id = dir.getFileName().toString();
      var e = assertThrows(InvalidModelException.class, () -> registry.open(id, 1));
      assertTrue(e.getMessage().startsWith("cannot load tokenizer " + dir.resolve(ModelFolder.TOKENIZER_FILE)),
          e.getMessage());
    }
    assertStillEmbeds(registry, TestModels.MINILM_Q);
  }

  @Test
  void aModelWhoseOutputContradictsItsManifestIsRefusedAtOpen() throws IOException {
    Path dir = userModel("wide", true);
    ModelManifest m = ManifestJson.read(dir.resolve(ModelFolder.MANIFEST_FILE));
    ManifestJson.write(new ModelManifest(m.id(), 768, m.pooling(), m.normalize(), m.maxTokens(),
        m.queryPrefix(), m.passagePrefix(), m.similarity(), m.licence(), m.source(), m.onnxSha256()),
        dir.resolve(ModelFolder.MANIFEST_FILE));
    ModelRegistry registry = new ModelRegistry(modelsDir);

    var e = assertThrows(InvalidModelException.class, () -> registry.open("wide", 1));
    assertTrue(e.getMessage().contains("384-dimensional") && e.getMessage().contains("768"), e.getMessage());
    assertStillEmbeds(registry, TestModels.MINILM_Q);
  }

  /** A user model folder holding copies of the real MiniLM files, as an import leaves it. */
  private Path userModel(String id, boolean withChecksum) throws IOException {
    Path dir = Files.createDirectories(modelsDir.resolve(id));
    Files.copy(real.onnxFile(), dir.resolve(ModelFolder.ONNX_FILE));
    Files.copy(real.tokenizerFile(), dir.resolve(ModelFolder.TOKENIZER_FILE));
    ModelManifest m = real.manifest();
    ManifestJson.write(new ModelManifest(id, m.dimensions(), m.pooling(), m.normalize(), m.maxTokens(),
        m.queryPrefix(), m.passagePrefix(), m.similarity(), m.licence(), "folder:test",
        withChecksum ? Sha256.of(real.onnxFile()) : null), dir.resolve(ModelFolder.MANIFEST_FILE));
    return dir;
  }

  private static void truncate(Path file, long size) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  private static ModelEntry entry(ModelRegistry registry, String id) {
    return registry.list().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  private static void assertStillEmbeds(ModelRegistry registry, String id) {
    try (TextEmbedder e = registry.open(id, 1)) {
      float[] v = e.embedQuery("the models next to a damaged one still work");
      assertEquals(384, v.length);
      for (float x : v) {
        assertTrue(Float.isFinite(x), Arrays.toString(v));
      }
    }
  }
}
