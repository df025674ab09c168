package io.sextant.services.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelImporterTest {
  @TempDir Path work;
  Path modelsDir;
  ModelImporter importer;
  ModelFolder minilmQ;

  @BeforeEach
  void setUp() throws IOException {
    modelsDir = Files.createDirectories(work.resolve("models"));
    importer = new ModelImporter(modelsDir);
    minilmQ = TestModels.builtin(TestModels.MINILM_Q);
  }

  /** A Hugging Face ONNX export layout: onnx/model.onnx next to tokenizer.json. */
  private Path exportFolder(String name) throws IOException {
    Path src = Files.createDirectories(work.resolve(name).resolve("onnx"));
    Files.copy(minilmQ.onnxFile(), src.resolve("model.onnx"));
    Files.copy(minilmQ.tokenizerFile(), src.getParent().resolve("tokenizer.json"));
    return src.getParent();
  }

  @Test
  void importsAQuantisedMiniLmFolderWithoutManifestInferring384AndMean() throws Exception {
    Path src = exportFolder("My MiniLM (int8)");
    Files.writeString(src.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256, \"do_lower_case\": false}");
    Files.writeString(src.resolve("tokenizer_config.json"), "{\"model_max_length\": 512}");

    ModelFolder imported = importer.importFolder(src, null, 1);

    ModelManifest m = imported.manifest();
    assertEquals("my-minilm-int8-", m.id());
    assertEquals(384, m.dimensions());
    assertEquals(Pooling.MEAN, m.pooling());
    assertEquals(256, m.maxTokens());
    assertEquals(minilmQ.manifest().onnxSha256(), m.onnxSha256());
    assertEquals(m, ModelFolder.read(modelsDir.resolve(m.id())).manifest());
    ModelRegistry registry = new ModelRegistry(modelsDir);
    ModelEntry entry = registry.list().stream().filter(e -> e.id().equals(m.id())).findFirst().orElseThrow();
    assertEquals(ModelStatus.AVAILABLE, entry.status());
    try (TextEmbedder e = registry.open(m.id(), 1)) {
      float[] v = e.embedQuery("imported");
      assertEquals(1.0, TestModels.norm(v), 1e-5);
    }
    assertEquals(List.of(m.id()), names(modelsDir));
  }

  @Test
  void userManifestFieldsWinOverInferredOnes() throws Exception {
    Path src = exportFolder("with-manifest");
    Files.writeString(src.resolve("manifest.json"), "{\"queryPrefix\": \"query: \", \"maxTokens\": 128, \"licence\": \"Apache-2.0\"}");
    ModelManifest m = importer.importFolder(src, "Custom Name", 1).manifest();
    assertEquals("custom-name", m.id());
    assertEquals("query: ", m.queryPrefix());
    assertEquals(128, m.maxTokens());
    assertEquals("Apache-2.0", m.licence());
    assertEquals(384, m.dimensions());
  }

  @Test
  void rejectsAFolderWithoutTokenizerJson() throws Exception {
    Path src = exportFolder("no-tokenizer");
    Files.delete(src.resolve("tokenizer.json"));
    var e = assertThrows(InvalidModelException.class, () -> importer.importFolder(src, null, 1));
    assertTrue(e.getMessage().startsWith("no tokenizer.json in " + src), e.getMessage());
    assertEquals(List.of(), names(modelsDir));
  }

  @Test
  void rejectsAGarbageOnnxFile() throws Exception {
    Path src = exportFolder("garbage");
    byte[] junk = new byte[10_000];
    new Random(7).nextBytes(junk);
    junk[0] = 0x42;
    Files.write(src.resolve("onnx/model.onnx"), junk);
    var e = assertThrows(InvalidModelException.class, () -> importer.importFolder(src, null, 1));
    assertTrue(e.getMessage().contains("onnx/model.onnx is not an ONNX model"), e.getMessage());

    junk[0] = 0x08; // a plausible header, then noise: only ONNX Runtime can tell
    junk[1] = 0x07;
    Files.write(src.resolve("onnx/model.onnx"), junk);
    var e2 = assertThrows(InvalidModelException.class, () -> importer.importFolder(src, null, 1));
    assertTrue(e2.getMessage().startsWith("cannot load ONNX model " + src.resolve("onnx/model.onnx")), e2.getMessage());
    assertEquals(List.of(), names(modelsDir));
  }

  @Test
  void rejectsAManifestDeclaringTheWrongDimension() throws Exception {
    Path src = exportFolder("wrong-dims");
    Files.writeString(src.resolve("manifest.json"), "{\"dimensions\": 768}");
    var e = assertThrows(InvalidModelException.class, () -> importer.importFolder(src, null, 1));
    assertTrue(e.getMessage().contains("outputs 384-dimensional") && e.getMessage().contains("declares dimensions 768"),
        e.getMessage());
    assertEquals(List.of(), names(modelsDir));
  }

  @Test
  void rejectsAModelWhoseVectorsCarryNoMeaning() throws Exception {
    // A tokenizer that maps every word to [UNK]: the network runs fine, but a sentence's vector
    // then depends only on its length, so an unrelated sentence of the same length scores 1.0.
    Path src = exportFolder("unk-tokenizer");
    String json = Files.readString(src.resolve("tokenizer.json"));
    assertTrue(json.contains("\"max_input_chars_per_word\": 100"));
    Files.writeString(src.resolve("tokenizer.json"), json.replace("\"max_input_chars_per_word\": 100", "\"max_input_chars_per_word\": 0"));
    var e = assertThrows(InvalidModelException.class, () -> importer.importFolder(src, null, 1));
    assertTrue(e.getMessage().contains("does not separate meaning"), e.getMessage());
    assertEquals(List.of(), names(modelsDir));
  }

  @Test
  void rejectsAnIdTakenByABuiltinOrAnEarlierImport() throws Exception {
    Path src = exportFolder("dup");
    var builtin = assertThrows(InvalidModelException.class, () -> importer.importFolder(src, TestModels.MINILM_Q, 1));
    assertTrue(builtin.getMessage().contains("built-in"), builtin.getMessage());
    importer.importFolder(src, "dup", 1);
    var again = assertThrows(InvalidModelException.class, () -> importer.importFolder(src, "dup", 1));
    assertTrue(again.getMessage().contains("already exists"), again.getMessage());
  }

  @Test
  void maxTokensAndPoolingAreInferredFromTheUsualConfigFiles() throws Exception {
    Path dir = Files.createDirectories(work.resolve("configs"));
    assertEquals(512, ModelImporter.inferMaxTokens(dir));
    Files.writeString(dir.resolve("config.json"), "{\"max_position_embeddings\": 514, \"model_type\": \"xlm-roberta\"}");
    assertEquals(512, ModelImporter.inferMaxTokens(dir));
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 1000000000000000019884624838656}");
    assertEquals(512, ModelImporter.inferMaxTokens(dir), "the 1e30 'no limit' sentinel is ignored");
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 384}");
    assertEquals(384, ModelImporter.inferMaxTokens(dir));
    Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 200}");
    assertEquals(200, ModelImporter.inferMaxTokens(dir));

    assertEquals(Pooling.MEAN, ModelImporter.inferPooling(dir));
    Path pooling = Files.createDirectories(dir.resolve("1_Pooling"));
    Files.writeString(pooling.resolve("config.json"), "{\"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");
    assertEquals(Pooling.CLS, ModelImporter.inferPooling(dir));
    Files.writeString(pooling.resolve("config.json"), "{\"pooling_mode_max_tokens\": true}");
    var e = assertThrows(InvalidModelException.class, () -> ModelImporter.inferPooling(dir));
    assertTrue(e.getMessage().contains("only CLS and mean"), e.getMessage());
  }

  private static List<String> names(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
