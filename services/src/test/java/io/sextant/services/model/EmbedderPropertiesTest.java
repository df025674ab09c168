package io.sextant.services.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Seeded so a failure replays; few tries because every try runs the model. */
class EmbedderPropertiesTest {
  private static OnnxTextEmbedder embedder;

  @BeforeContainer
  static void open() {
    embedder = OnnxTextEmbedder.open(TestModels.builtin(TestModels.MINILM_Q), 0);
  }

  @AfterContainer
  static void close() {
    embedder.close();
  }

  @Property(tries = 30, seed = "7305")
  void everyVectorHasUnitNormAndEveryOverlongTextIsCounted(@ForAll("texts") List<String> texts) {
    EmbeddingBatch batch = embedder.embedPassages(texts);
    int overlong = 0;
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(384, batch.vectors()[i].length);
      assertEquals(1.0, TestModels.norm(batch.vectors()[i]), 1e-5, "norm of text " + i);
      if (embedder.countTokens(texts.get(i)) + 2 > 256) {
        overlong++;
      }
    }
    assertEquals(overlong, batch.truncated());
  }

  @Property(tries = 20, seed = "7306")
  void aTextsVectorDoesNotDependOnItsBatchOrPosition(@ForAll("texts") List<String> texts) {
    float[][] batched = embedder.embedPassages(texts).vectors();
    List<String> reversed = new ArrayList<>(texts);
    Collections.reverse(reversed);
    float[][] backwards = embedder.embedPassages(reversed).vectors();
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = embedder.embedPassages(List.of(texts.get(i))).vectors()[0];
      assertTrue(TestModels.cosine(alone, batched[i]) >= 0.9999, "text " + i + " alone vs in batch");
      assertTrue(TestModels.cosine(alone, backwards[texts.size() - 1 - i]) >= 0.9999, "text " + i + " reversed");
    }
  }

  @Provide
  Arbitrary<List<String>> texts() {
    Arbitrary<String> words = Arbitraries.of("sextant", "angle", "star", "horizon", "the", "of", "naviga", "tion",
        "42", "ö", "北", "🙂", ",", "—").list().ofMinSize(1).ofMaxSize(40).map(w -> String.join(" ", w));
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(80);
    Arbitrary<String> veryLong = Arbitraries.strings().withCharRange('a', 'z').ofLength(5)
        .list().ofMinSize(300).ofMaxSize(700).map(w -> String.join(" ", w));
    Arbitrary<String> text = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, words), net.jqwik.api.Tuple.of(3, anyChars),
        net.jqwik.api.Tuple.of(1, veryLong), net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
    return text.list().ofMinSize(1).ofMaxSize(6);
  }
}
