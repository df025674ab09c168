package io.sextant.services.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.model.InvalidModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossEncoderTest {

  @TempDir Path tmp;

  @Test
  void passageSharingTheQuerysWordsScoresHigher() throws Exception {
    try (CrossEncoder ce = CrossEncoder.open(TinyCrossEncoder.install(tmp.resolve("tiny")), 1)) {
      double[] s = ce.score("solar panels on the roof",
          List.of("the cat sat on a mat near the door", "solar panels on a roof turn light into power"));
      assertEquals(2, s.length);
      assertTrue(s[1] > s[0], "overlapping passage should win: " + s[0] + " vs " + s[1]);
      assertEquals("tiny", ce.id());
    }
  }

  @Test
  void aPairsScoreDoesNotDependOnItsBatchOrPadding() throws Exception {
    // 40 passages of varied length: three model runs, each padded to its own longest pair.
    Random rnd = new Random(42);
    String[] words = {"alpha", "beta", "gamma", "delta", "solar", "roof", "river", "stone"};
    List<String> passages = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StringBuilder b = new StringBuilder();
      for (int w = 0, n = 1 + rnd.nextInt(30); w < n; w++) {
        b.append(words[rnd.nextInt(words.length)]).append(' ');
      }
      passages.add(b.toString().strip());
    }
    try (CrossEncoder ce = CrossEncoder.open(TinyCrossEncoder.install(tmp.resolve("tiny")), 1)) {
      double[] all = ce.score("solar roof", passages);
      for (int i = 0; i < passages.size(); i += 7) {
        double alone = ce.score("solar roof", List.of(passages.get(i)))[0];
        assertEquals(alone, all[i], 1e-4, "passage " + i);
      }
    }
  }

  @Test
  void overlongPassagesAreCutNotRejected() throws Exception {
    String longPassage = "solar ".repeat(2000);
    try (CrossEncoder ce = CrossEncoder.open(TinyCrossEncoder.install(tmp.resolve("tiny")), 1)) {
      double[] s = ce.score("solar", List.of(longPassage, "nothing relevant"));
      assertTrue(Double.isFinite(s[0]) && s[0] > s[1]);
    }
  }

  @Test
  void aFolderWithoutTheModelOrTokenizerIsRejectedByName() throws Exception {
    Path dir = TinyCrossEncoder.install(tmp.resolve("tiny"));
    Files.delete(dir.resolve(CrossEncoder.TOKENIZER_FILE));
    var e = assertThrows(InvalidModelException.class, () -> CrossEncoder.open(dir, 1));
    assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    assertThrows(InvalidModelException.class, () -> CrossEncoder.open(tmp.resolve("missing"), 1));
  }

  @Test
  void aCorruptModelFileIsRejectedByName() throws Exception {
    Path dir = TinyCrossEncoder.install(tmp.resolve("emb"));
    Files.delete(dir.resolve(CrossEncoder.ONNX_FILE));
    Files.writeString(dir.resolve(CrossEncoder.ONNX_FILE), "not an onnx file");
    var e = assertThrows(InvalidModelException.class, () -> CrossEncoder.open(dir, 1));
    assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
  }
}
