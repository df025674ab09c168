package io.sextant.views.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.SearchMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreFormatTest {

  static ChunkHit hit(Double bm25, Integer bm25Rank, Double cos, Integer vecRank, double score) {
    return new ChunkHit("/d/a.md#0", "/d/a.md", "/d/a.md", "A", "text", 0, 0, 0, 4, "text",
        List.of(), bm25, bm25Rank, cos, vecRank, score);
  }

  @Test
  void barsAreRelativeToTheBestScoreOfTheList() {
    assertEquals(1.0, ScoreFormat.barFraction(12.5, 12.5));
    assertEquals(0.5, ScoreFormat.barFraction(6.25, 12.5));
    assertEquals(0.0, ScoreFormat.barFraction(3, 0));
    assertEquals(0.0, ScoreFormat.barFraction(Double.NaN, 1));
    assertEquals(1.0, ScoreFormat.barFraction(2, 1), "never longer than the bar");
  }

  @Test
  void componentsNameEachRetrieverAndSayWhenOneMissedTheChunk() {
    assertEquals(List.of("BM25: 7.125 (rank 2)", "Vector: not in the vector list", "Fused: 0.5000"),
        ScoreFormat.components(hit(7.125, 2, null, null, 0.5), SearchMode.HYBRID));
    assertEquals(List.of("BM25: not in the keyword list", "Vector cosine: 0.8125 (rank 1)"),
        ScoreFormat.components(hit(null, null, 0.8125, 1, 0.8125), SearchMode.SEMANTIC));
  }

  @Test
  void summaryGivesFilesAndMilliseconds() {
    assertEquals("3 files · 12 ms (query embedding 4.5 ms)", ScoreFormat.summary(3, 4500, 7600));
    assertEquals("1 file · 2 ms", ScoreFormat.summary(1, 0, 2000));
  }
}
