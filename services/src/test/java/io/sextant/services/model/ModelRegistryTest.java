package io.sextant.services.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir Path modelsDir;

  @Test
  void listsAllSixBuiltinsBeforeAnythingIsExtracted() {
    List<ModelEntry> entries = new ModelRegistry(modelsDir.resolve("not-yet-created")).list();
    assertEquals(BuiltinModels.ids(), entries.stream().map(ModelEntry::id).toList());
    assertEquals(List.of("all-minilm-l6-v2", "all-minilm-l6-v2-q", "bge-small-en-v1.5", "bge-small-en-v1.5-q",
        "e5-small-v2", "e5-small-v2-q"), BuiltinModels.ids());
    for (ModelEntry e : entries) {
      assertTrue(e.builtin());
      assertEquals(ModelStatus.NOT_MATERIALISED, e.status(), e.id());
      assertEquals(384, e.manifest().dimensions());
    }
  }

  @Test
  void builtinManifestsCarryTheirModelsConventions() {
    ModelRegistry registry = new ModelRegistry(modelsDir);
    assertEquals(Pooling.CLS, registry.manifest("bge-small-en-v1.5-q").pooling());
    assertEquals("Represent this sentence for searching relevant passages: ",
        registry.manifest("bge-small-en-v1.5").queryPrefix());
    assertEquals("passage: ", registry.manifest("e5-small-v2-q").passagePrefix());
    assertEquals(256, registry.manifest("all-minilm-l6-v2").maxTokens());
    assertEquals(512, registry.manifest("e5-small-v2").maxTokens());
  }

  @Test
  void openingABuiltinExtractsItOnceAndRedoesADamagedFile() throws IOException {
    ModelRegistry registry = new ModelRegistry(modelsDir);
    try (TextEmbedder e = registry.open(TestModels.MINILM_Q, 1)) {
      assertEquals(384, e.embedQuery("a sextant").length);
    }
    assertEquals(ModelStatus.AVAILABLE, entries(registry).get(TestModels.MINILM_Q).status());
    Path onnx = modelsDir.resolve(TestModels.MINILM_Q).resolve(ModelFolder.ONNX_FILE);
    long size = Files.size(onnx);
    // A partial file (an interrupted copy by an older version, a full disk) must not be used.
    try (var ch = java.nio.channels.FileChannel.open(onnx, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size / 2);
    }
    ModelEntry damaged = entries(registry).get(TestModels.MINILM_Q);
    assertEquals(ModelStatus.NOT_MATERIALISED, damaged.status());
    assertTrue(damaged.reason().contains("incomplete"), damaged.reason());
    ModelFolder redone = registry.folder(TestModels.MINILM_Q);
    assertEquals(size, Files.size(redone.onnxFile()));
    assertEquals(redone.manifest().onnxSha256(), Sha256.of(redone.onnxFile()));
    try (var stray = Files.list(redone.dir())) {
      // .model.onnx.sha256 is the checksum memo (ChecksumMemo) and .model.onnx.unfused[.onnx] the
      // graph ONNX Runtime 1.29 loads (LayerNormUnfusion), both kept on purpose
      assertEquals(List.of(".model.onnx.sha256", "manifest.json", "model.onnx", "tokenizer.json"),
          stray.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".model.onnx.unfused")).sorted().toList(),
          "no temp files left");
    }
  }

  @Test
  void brokenUserFoldersAreListedWithTheirReasonAndDoNotStopTheList() throws IOException {
    ModelFolder good = TestModels.builtin(TestModels.MINILM_Q);
    Path junk = Files.createDirectories(modelsDir.resolve("junk"));
    byte[] random = new byte[4096];
    new Random(42).nextBytes(random);
    random[0] = 0x13; // make sure the fixed seed cannot look like a protobuf header
    Files.write(junk.resolve(ModelFolder.ONNX_FILE), random);
    Files.copy(good.tokenizerFile(), junk.resolve(ModelFolder.TOKENIZER_FILE));
    ManifestJson.write(manifest("junk"), junk.resolve(ModelFolder.MANIFEST_FILE));
    Files.createDirectories(modelsDir.resolve("empty"));
    Path misnamed = Files.createDirectories(modelsDir.resolve("misnamed"));
    ManifestJson.write(manifest("other"), misnamed.resolve(ModelFolder.MANIFEST_FILE));
    Path badJson = Files.createDirectories(modelsDir.resolve("bad-json"));
    Files.writeString(badJson.resolve(ModelFolder.MANIFEST_FILE), "{\"id\": \"bad-json\", \"dimension\": 384}");
    Files.createDirectories(modelsDir.resolve(".import-in-progress"));

    ModelRegistry registry = new ModelRegistry(modelsDir);
    Map<String, ModelEntry> entries = entries(registry);
    assertEquals(6 + 4, entries.size(), entries.keySet().toString());
    assertBroken(entries.get("junk"), "is not an ONNX model");
    assertBroken(entries.get("empty"), "no manifest.json");
    assertBroken(entries.get("misnamed"), "does not match the folder name");
    assertBroken(entries.get("bad-json"), "unknown field 'dimension'");

    var e = assertThrows(InvalidModelException.class, () -> registry.open("junk", 1));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  void unknownIdIsRefusedWithTheKnownIds() {
    ModelRegistry registry = new ModelRegistry(modelsDir);
    for (String id : List.of("nope", "../etc", ".hidden")) {
      var e = assertThrows(IllegalArgumentException.class, () -> registry.open(id, 1));
      assertTrue(e.getMessage().contains("unknown model '" + id + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("all-minilm-l6-v2-q, bge-small-en-v1.5"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> registry.manifest("nope"));
  }

  private static ModelManifest manifest(String id) {
    return new ModelManifest(id, 384, Pooling.MEAN, true, 256, null, null, null, null, null, "00".repeat(32));
  }

  private static void assertBroken(ModelEntry entry, String reason) {
    assertEquals(ModelStatus.BROKEN, entry.status(), entry.toString());
    assertTrue(entry.reason().contains(reason), entry.reason());
  }

  private static Map<String, ModelEntry> entries(ModelRegistry registry) {
    return registry.list().stream().collect(Collectors.toMap(ModelEntry::id, Function.identity()));
  }
}
