package io.sextant.services.engine;

import static io.sextant.services.engine.EngineTestSupport.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.indexing.IngestListener;
import io.sextant.services.rerank.CrossEncoder;
import io.sextant.services.rerank.TinyCrossEncoder;
import io.sextant.services.search.ChunkHit;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.Rerank;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchResponse;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.Workspace;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second stage through the engine, on the sample corpus with real models. */
class RerankTest {

  @TempDir static Path tmp;
  static TaskRunner tasks;
  static Engine engine;

  @BeforeAll
  static void setUp() throws Exception {
    Path docs = tmp.resolve("docs");
    EngineTestSupport.copyTree(EngineTestSupport.sampleDocuments(), docs);
    tasks = EngineTestSupport.tasks();
    engine = Engine.open(Workspace.at(tmp.resolve("ws")), EngineTestSupport.registry(), tasks,
        c -> c.withModels(List.of(MODEL)));
    engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    TinyCrossEncoder.install(engine.rerankersDir().resolve("tiny-ce"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (engine != null) {
      engine.close();
    }
    tasks.close();
  }

  private static SearchResponse search(String q, SearchMode mode, Rerank rerank) throws Exception {
    return engine.search(SearchRequest.builder(q, mode).modelId(MODEL).k(8).rerank(rerank).build());
  }

  @Test
  void crossEncoderReordersTheTopDocumentsByItsOwnScores() throws Exception {
    String q = "how do plants turn sunlight into energy";
    SearchResponse first = search(q, SearchMode.HYBRID, null);
    SearchResponse second = search(q, SearchMode.HYBRID, new Rerank("tiny-ce", 5));
    assertFalse(second.hits().isEmpty());
    assertTrue(engine.crossEncoderIds().contains("tiny-ce"));

    CrossEncoder ce = (CrossEncoder) engine.reranker("tiny-ce");
    Set<Integer> firstRanks = new HashSet<>();
    double previous = Double.POSITIVE_INFINITY;
    int rerankedDocs = 0;
    for (DocHit d : second.hits()) {
      assertTrue(d.firstStageRank() >= 1, "every hit knows its first-stage rank");
      assertTrue(firstRanks.add(d.firstStageRank()), "first-stage ranks are distinct");
      ChunkHit best = d.best();
      if (d.firstStageRank() <= 5) {
        rerankedDocs++;
        assertTrue(best.reranked());
        // The score the list is ordered by is the cross-encoder's own score of that passage.
        assertEquals(ce.score(q, List.of(best.text()))[0], best.score(), 1e-4);
        assertTrue(best.score() <= previous, "re-ranked hits come best first");
        previous = best.score();
        // ... and the first-stage document at that rank is the same document.
        assertEquals(first.hits().get(d.firstStageRank() - 1).docKey(), d.docKey());
      } else {
        assertFalse(best.reranked());
      }
    }
    assertEquals(Math.min(5, first.hits().size()), rerankedDocs, "the top 5 documents are re-scored");
    assertTrue(second.rerankMicros() > 0);
  }

  @Test
  void hitsBelowTheDepthKeepTheirFirstStageOrderAfterTheRerankedOnes() throws Exception {
    String q = "ocean tides and the moon";
    SearchResponse second = search(q, SearchMode.SEMANTIC, new Rerank("tiny-ce", 3));
    List<DocHit> hits = second.hits();
    for (int i = 0; i < hits.size(); i++) {
      if (i < 3) {
        assertTrue(hits.get(i).firstStageRank() <= 3);
      } else {
        assertEquals(i + 1, hits.get(i).firstStageRank());
      }
    }
  }

  @Test
  void aLargerBiEncoderReScoresByCosineWhenTheIndexHasNoVectorsOfIt() throws Exception {
    String q = "recipe for bread";
    String big = "all-minilm-l6-v2";
    SearchResponse second = search(q, SearchMode.SEMANTIC, new Rerank(big, 4));
    var embedder = engine.embedder(big);
    float[] qv = io.sextant.services.index.VectorMath.normalise(embedder.embedQuery(q));
    for (DocHit d : second.hits().subList(0, Math.min(4, second.hits().size()))) {
      float[] pv = io.sextant.services.index.VectorMath.normalise(
          embedder.embedPassages(List.of(d.best().text())).vectors()[0]);
      assertEquals(io.sextant.services.index.VectorMath.dot(qv, pv), d.best().score(), 1e-3);
      assertEquals(d.best().vectorScore(), d.best().firstStageScore(), 1e-6);
    }
  }

  @Test
  void anUnknownRerankerIsAClearError() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> search("bread", SearchMode.SEMANTIC, new Rerank("no-such-model", 10)));
    assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
  }

  @Test
  void withoutASecondStageHitsCarryNoRerankFields() throws Exception {
    for (DocHit d : search("bread", SearchMode.HYBRID, null).hits()) {
      assertEquals(0, d.firstStageRank());
      assertFalse(d.best().reranked());
    }
  }
}
