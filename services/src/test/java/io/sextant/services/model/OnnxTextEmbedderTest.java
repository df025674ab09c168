package io.sextant.services.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxTextEmbedderTest {
  private static final long SEP = 102;
  private static ModelFolder folder;
  private static OnnxTextEmbedder embedder;

  @BeforeAll
  static void open() {
    folder = TestModels.builtin(TestModels.MINILM_Q);
    embedder = OnnxTextEmbedder.open(folder, 0);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static String words(int n) {
    return "hello ".repeat(n).strip(); // "hello" is one WordPiece token
  }

  @Test
  void miniLmTokenizerIsNotCutAt128DespiteItsTokenizerJson() {
    // tokenizer.json of all-MiniLM-L6-v2 declares truncation and fixed padding at 128.
    assertEquals(300, embedder.countTokens(words(300)));
    ModelManifest roomy = withMaxTokens(folder.manifest(), 512);
    try (OnnxTextEmbedder wide = OnnxTextEmbedder.open(folder.onnxFile(), folder.tokenizerFile(), roomy, 1, 1)) {
      TokenizedTexts t = wide.tokenizePassages(List.of(words(300), "short"));
      assertEquals(302, t.ids[0].length);
      assertEquals(3, t.ids[1].length, "no padding from the tokenizer either");
      assertEquals(0, t.truncated);
    }
  }

  @Test
  void longTextIsCutToMaxTokensEndingWithSepAndCounted() {
    TokenizedTexts t = embedder.tokenizePassages(List.of("short text", words(600), words(255), words(254)));
    long[] cut = t.ids[1];
    assertEquals(256, cut.length);
    assertEquals(101, cut[0]);
    assertEquals(SEP, cut[255]);
    assertEquals(cut[254], cut[1], "content tokens kept up to the last slot");
    assertEquals(256, t.ids[3].length, "254 words + [CLS] + [SEP] fits exactly");
    assertEquals(2, t.truncated, "600 and 255 words exceed 256 with special tokens");
    EmbeddingBatch batch = embedder.embedPassages(List.of("short text", words(600), words(255), words(254)));
    assertEquals(2, batch.truncated());
    assertEquals(4 + 256 * 3, batch.tokens());
  }

  @Test
  void countTokensLeavesOutSpecialTokens() {
    assertEquals(2, embedder.countTokens("hello world"));
    assertEquals(0, embedder.countTokens(""));
  }

  @Test
  void queryAndPassagePrefixesAreAdded() {
    ModelManifest prefixed = new ModelManifest("prefixed", 384, Pooling.MEAN, true, 256, "query: ", "passage: ",
        null, null, null, null);
    try (OnnxTextEmbedder e = OnnxTextEmbedder.open(folder.onnxFile(), folder.tokenizerFile(), prefixed, 1, 1)) {
      float[] query = e.embedQuery("what is a sextant");
      assertArrayEquals(embedder.embedPassages(List.of("query: what is a sextant")).vectors()[0], query);
      float[] passage = e.embedPassages(List.of("a navigation instrument")).vectors()[0];
      assertArrayEquals(embedder.embedPassages(List.of("passage: a navigation instrument")).vectors()[0], passage);
    }
  }

  @Test
  void clsPoolingTakesTheFirstTokenVector() {
    ModelManifest cls = new ModelManifest("cls", 384, Pooling.CLS, true, 256, null, null, null, null, null, null);
    try (OnnxTextEmbedder e = OnnxTextEmbedder.open(folder.onnxFile(), folder.tokenizerFile(), cls, 1, 1)) {
      float[] a = e.embedPassages(List.of("A man is eating food.")).vectors()[0];
      float[] b = embedder.embedPassages(List.of("A man is eating food.")).vectors()[0];
      assertEquals(1.0, TestModels.norm(a), 1e-5);
      assertTrue(TestModels.cosine(a, b) < 0.999, "CLS differs from mean pooling");
    }
  }

  @Test
  void brokenUnicodeFromDamagedDocumentsStillEmbeds() {
    // Lone surrogates cannot be encoded as UTF-8; they reach the Rust tokenizer from Java strings.
    float[][] v = embedder.embedPassages(List.of("\uD800 lone high", "low \uDC00", "\u0000 nul \uFFFF")).vectors();
    for (float[] x : v) {
      assertEquals(1.0, TestModels.norm(x), 1e-5);
    }
  }

  @Test
  void emptyInputGivesAnEmptyBatch() {
    EmbeddingBatch batch = embedder.embedPassages(List.of());
    assertEquals(0, batch.vectors().length);
    assertEquals(0, batch.tokens());
  }

  @Test
  void concurrentCallersGetTheSameVectorsAsASingleCaller() throws Exception {
    List<String> texts = List.of("The sextant measures angles.", "Stars guide sailors.", "", "Ünïcödé 文字 テキスト");
    float[][] expected = embedder.embedPassages(texts).vectors();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[][]>> futures = pool.invokeAll(java.util.Collections.nCopies(8, () -> embedder.embedPassages(texts).vectors()));
      for (Future<float[][]> f : futures) {
        float[][] actual = f.get();
        for (int i = 0; i < texts.size(); i++) {
          assertArrayEquals(expected[i], actual[i], 1e-6f);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void buffersKeptFromEarlierCallsOfOtherSizesGiveTheSameVectors() {
    // Each call reuses the direct buffers (inputs and pinned output) the previous one left when
    // they fit, and grows them when not: a short call after a long one reads a larger buffer.
    List<String> texts = List.of("Stars guide sailors.", words(40), "The sextant measures angles.");
    try (OnnxTextEmbedder fresh = OnnxTextEmbedder.open(folder, 1, 2)) {
      float[][] first = fresh.embedPassages(texts).vectors();
      float[] shortAlone = fresh.embedPassages(List.of(texts.get(0))).vectors()[0];
      fresh.embedPassages(List.of(words(200), words(120), words(3)));
      float[][] again = fresh.embedPassages(texts).vectors();
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(first[i], again[i], 1e-6f, "text " + i);
      }
      assertEquals(1.0, TestModels.cosine(shortAlone, fresh.embedQuery(texts.get(0))), 1e-6);
    }
  }

  @Test
  void dynamicallyQuantisedModelsDefaultToOneTextPerRun() {
    assertEquals(1, embedder.batchSize());
  }

  @Test
  void closedEmbedderRefusesWork() {
    OnnxTextEmbedder e = OnnxTextEmbedder.open(folder, 1);
    e.close();
    e.close(); // idempotent
    IllegalStateException ex = assertThrows(IllegalStateException.class, () -> e.embedQuery("x"));
    assertTrue(ex.getMessage().contains("closed"));
  }

  @Test
  void unusableFilesAreNamedInTheError(@TempDir Path dir) throws Exception {
    ModelManifest m = folder.manifest();
    Path missing = dir.resolve("absent.onnx");
    var e1 = assertThrows(InvalidModelException.class,
        () -> OnnxTextEmbedder.open(missing, folder.tokenizerFile(), m, 1, 1));
    assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());

    Path garbage = Files.write(dir.resolve("garbage.onnx"), new byte[] {8, 7, 1, 2, 3, 4, 5, 6, 7, 8});
    var e2 = assertThrows(InvalidModelException.class,
        () -> OnnxTextEmbedder.open(garbage, folder.tokenizerFile(), m, 1, 1));
    assertTrue(e2.getMessage().startsWith("cannot load ONNX model " + garbage), e2.getMessage());

    Path badTokenizer = Files.writeString(dir.resolve("tokenizer.json"), "{\"not\": \"a tokenizer\"}");
    var e3 = assertThrows(InvalidModelException.class,
        () -> OnnxTextEmbedder.open(folder.onnxFile(), badTokenizer, m, 1, 1));
    assertTrue(e3.getMessage().startsWith("cannot load tokenizer " + badTokenizer), e3.getMessage());
  }

  @Test
  void manifestDimensionsContradictingTheModelAreRefusedAtOpen() {
    ModelManifest wrong = new ModelManifest("wrong", 768, Pooling.MEAN, true, 256, null, null, null, null, null, null);
    var e = assertThrows(InvalidModelException.class,
        () -> OnnxTextEmbedder.open(folder.onnxFile(), folder.tokenizerFile(), wrong, 1, 1));
    assertTrue(e.getMessage().contains("384-dimensional") && e.getMessage().contains("768"), e.getMessage());
  }

  static ModelManifest withMaxTokens(ModelManifest m, int maxTokens) {
    return new ModelManifest(m.id(), m.dimensions(), m.pooling(), m.normalize(), maxTokens, m.queryPrefix(),
        m.passagePrefix(), m.similarity(), m.licence(), m.source(), m.onnxSha256());
  }
}
