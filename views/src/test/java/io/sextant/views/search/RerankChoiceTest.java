package io.sextant.views.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sextant.services.search.Rerank;
import io.sextant.services.search.SearchMode;
import io.sextant.views.common.RerankModels;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerankChoiceTest {

  final RerankModels models = new RerankModels(List.of("bge-small-en-v1.5-q"), List.of("ms-marco-minilm"));

  @Test
  void offComesFirstThenCrossEncodersThenBiEncoders() {
    List<RerankChoice> options = RerankChoice.options(models);
    assertEquals(List.of(RerankChoice.OFF,
        new RerankChoice(RerankChoice.Kind.CROSS_ENCODER, "ms-marco-minilm"),
        new RerankChoice(RerankChoice.Kind.BI_ENCODER, "bge-small-en-v1.5-q")), options);
    assertEquals("ms-marco-minilm (cross-encoder)", options.get(1).label());
    assertEquals("bge-small-en-v1.5-q (bi-encoder)", options.get(2).label());
  }

  @Test
  void aRememberedChoiceIsFoundByItsKeyAndAVanishedOneFallsBackToOff() {
    List<RerankChoice> options = RerankChoice.options(models);
    assertEquals(options.get(2), RerankChoice.find(options, options.get(2).key()));
    assertEquals(RerankChoice.OFF, RerankChoice.find(options, "CROSS_ENCODER:removed-model"));
  }

  @Test
  void offCarriesNoSecondStageAndAModelCarriesItsDepth() {
    assertNull(RerankChoice.OFF.toRerank(50));
    assertEquals(new Rerank("m", 20), new RerankChoice(RerankChoice.Kind.BI_ENCODER, "m").toRerank(20));
    assertThrows(IllegalArgumentException.class, () -> new RerankChoice(RerankChoice.Kind.OFF, "m"));
    assertThrows(IllegalArgumentException.class, () -> new RerankChoice(RerankChoice.Kind.BI_ENCODER, null));
  }

  @Test
  void theFormsRequestCarriesTheSecondStageWithEnoughCandidates() {
    var r = SearchForm.of("tides", SearchMode.SEMANTIC, "all-minilm-l6-v2-q")
        .withRerank(new Rerank("bge-small-en-v1.5-q", 300)).toRequest(ZoneOffset.UTC).orElseThrow();
    assertEquals(new Rerank("bge-small-en-v1.5-q", 300), r.rerank());
    assertEquals(true, r.candidates() >= 300);
  }

  @Test
  void theSummaryNamesDepthModelAndTime() {
    assertEquals(" · re-ranked top 50 by m in 12 ms", RerankChoice.summary(new Rerank("m", 50), 12_400));
    assertEquals("", RerankChoice.summary(null, 0));
  }
}
