package io.sextant.services.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingBenchmarkTest {
  @Test
  void reportsPipelineAndBareThroughputOnTheSameBatches() {
    Random random = new Random(1);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      StringBuilder sb = new StringBuilder();
      for (int w = 0, n = 5 + random.nextInt(40); w < n; w++) {
        sb.append("word").append(random.nextInt(50)).append(' ');
      }
      texts.add(sb.toString());
    }
    EmbeddingBenchmark.Result r = EmbeddingBenchmark.run(TestModels.builtin(TestModels.MINILM_Q), texts, 16, 0, 2);
    assertEquals(TestModels.MINILM_Q, r.model());
    assertEquals(48, r.texts());
    assertEquals(16, r.batchSize());
    assertTrue(r.tokens() > 48 * 2);
    assertTrue(r.pipelineChunksPerSecond() > 0 && r.bareChunksPerSecond() > 0, r.toString());
    // Pipeline work is a superset of the bare loop's; only timing noise lets the ratio pass 1.
    assertTrue(r.ratio() > 0.2 && r.ratio() < 1.5, r.toString());
    assertTrue(r.overheadShare() >= 0 && r.overheadShare() < 1, r.toString());
  }

  @Test
  void refusesNothingToMeasure() {
    ModelFolder folder = TestModels.builtin(TestModels.MINILM_Q);
    assertThrows(IllegalArgumentException.class, () -> EmbeddingBenchmark.run(folder, List.of(), 8, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> EmbeddingBenchmark.run(folder, List.of("x"), 8, 1, 0));
  }
}
