package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three one-chunk documents whose rankings can be worked out by hand. Query "apple" with vector
 * (1, 0):
 *
 * <pre>
 *   doc  text                 vector      BM25 rank  cosine  vector rank
 *   A    apple apple banana   (1, 0)      1          1.0     1
 *   B    apple cherry         (0.6, 0.8)  2          0.6     2
 *   C    cherry date          (0, 1)      -          0.0     3
 * </pre>
 */
class HybridFusionTest {

  private static final double EPS = 1e-6; // float vectors, double arithmetic

  @TempDir Path tmp;
  private ChunkIndex index;
  private SearchService service;
  private final AtomicInteger embedCalls = new AtomicInteger();

  private static IndexedChunk doc(String name, String text, float x, float y) {
    return new IndexedChunk(name, name, -1, name, name, "", "", text, 0, 0, text.length(), 0, 0, 0,
        Map.of("m", new float[] {x, y}));
  }

  @BeforeEach
  void setUp() throws Exception {
    index = ChunkIndex.open(tmp, IndexSettings.DEFAULT);
    index.addAll(List.of(
        doc("A", "apple apple banana", 1, 0),
        doc("B", "apple cherry", 0.6f, 0.8f),
        doc("C", "cherry date", 0, 1)));
    index.commit();
    // A real embedder stand-in: counts calls and maps the one query this test embeds.
    service = new SearchService(index, (model, query) -> {
      embedCalls.incrementAndGet();
      assertEquals("m", model);
      return new float[] {2, 0}; // not unit: the service normalises
    });
  }

  @AfterEach
  void tearDown() throws Exception {
    index.close();
  }

  private SearchResponse hybrid(Fusion fusion, boolean exact) throws Exception {
    return service.search(SearchRequest.builder("apple", SearchMode.HYBRID).modelId("m")
        .fusion(fusion).exact(exact).build());
  }

  private static ChunkHit hit(SearchResponse r, String id) {
    return r.hits().stream().map(DocHit::best).filter(c -> c.chunkId().equals(id)).findFirst()
        .orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rrfSumsReciprocalRanks(boolean exact) throws Exception {
    SearchResponse r = hybrid(new Fusion.Rrf(60), exact);
    assertEquals(List.of("A", "B", "C"), r.hits().stream().map(DocHit::docKey).toList());
    assertEquals(1.0 / 61 + 1.0 / 61, hit(r, "A").score(), 1e-12);
    assertEquals(1.0 / 62 + 1.0 / 62, hit(r, "B").score(), 1e-12);
    assertEquals(1.0 / 63, hit(r, "C").score(), 1e-12);
    assertEquals(3, r.totalCandidates());
    assertEquals(1, embedCalls.get());
    assertEquals("m", r.modelId());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void convexCombinesMinMaxNormalisedScores(boolean exact) throws Exception {
    SearchResponse r = hybrid(new Fusion.Convex(0.5), exact);
    assertEquals(List.of("A", "B", "C"), r.hits().stream().map(DocHit::docKey).toList());
    // A is top of both lists (1, 1); B is bottom of BM25 (0) and 0.6 of the cosine range;
    // C has no BM25 component (0) and the lowest cosine (0).
    assertEquals(1.0, hit(r, "A").score(), EPS);
    assertEquals(0.5 * 0.6, hit(r, "B").score(), EPS);
    assertEquals(0.0, hit(r, "C").score(), EPS);

    SearchResponse vectorHeavy = hybrid(new Fusion.Convex(0.25), exact);
    assertEquals(0.25 * 0.6, hit(vectorHeavy, "B").score(), EPS);
    SearchResponse keywordOnly = hybrid(new Fusion.Convex(0.0), exact);
    assertEquals(0.0, hit(keywordOnly, "C").score(), EPS);
    assertEquals(1.0, hit(keywordOnly, "A").score(), EPS);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void keepsEachRetrieversScoreAndRank(boolean exact) throws Exception {
    SearchResponse r = hybrid(Fusion.rrf(), exact);
    ChunkHit a = hit(r, "A");
    ChunkHit b = hit(r, "B");
    ChunkHit c = hit(r, "C");
    assertEquals(1, a.bm25Rank());
    assertEquals(2, b.bm25Rank());
    assertTrue(a.bm25Score() > b.bm25Score());
    assertNull(c.bm25Score());
    assertNull(c.bm25Rank());
    // Raw cosine, not Lucene's (1 + cos) / 2.
    assertEquals(1.0, a.vectorScore(), EPS);
    assertEquals(0.6, b.vectorScore(), EPS);
    assertEquals(0.0, c.vectorScore(), EPS);
    assertEquals(List.of(1, 2, 3), List.of(a.vectorRank(), b.vectorRank(), c.vectorRank()));
  }

  @Test
  void semanticScoreIsTheCosine() throws Exception {
    SearchResponse r = service.search(SearchRequest.builder("apple", SearchMode.SEMANTIC)
        .modelId("m").queryVector(new float[] {0.8f, 0.6f}).groupByDoc(false).build());
    assertEquals(List.of("B", "A", "C"), r.hits().stream().map(DocHit::docKey).toList());
    assertEquals(0.6 * 0.8 + 0.8 * 0.6, hit(r, "B").score(), EPS);
    assertEquals(0.8, hit(r, "A").score(), EPS);
    assertNull(hit(r, "A").bm25Score(), "semantic mode runs no keyword retriever");
  }

  @Test
  void aStopwordQueryInHybridModeFallsBackToTheVectorList() throws Exception {
    SearchResponse r = service.search(SearchRequest.builder("the", SearchMode.HYBRID).modelId("m")
        .queryVector(new float[] {0, 1}).build());
    assertEquals("C", r.hits().get(0).docKey());
    assertEquals(1.0 / 61, r.hits().get(0).best().score(), 1e-12);
  }

  @Test
  void anUnknownModelIsRejectedNamingTheModelsTheIndexHas() {
    var e = assertThrows(IllegalArgumentException.class, () -> service.search(
        SearchRequest.builder("apple", SearchMode.SEMANTIC).modelId("other").build()));
    assertEquals("the index has no vectors for model other; it has [m]", e.getMessage());
    assertEquals(0, embedCalls.get(), "fails before embedding");
  }

  @Test
  void aQueryVectorOfTheWrongDimensionIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> service.search(
        SearchRequest.builder("", SearchMode.SEMANTIC).modelId("m")
            .queryVector(new float[] {1, 0, 0}).build()));
  }

  @Test
  void requestsValidateTheirArguments() {
    assertThrows(IllegalArgumentException.class,
        () -> SearchRequest.builder("q", SearchMode.SEMANTIC).build()); // no model
    assertThrows(IllegalArgumentException.class,
        () -> SearchRequest.builder("q", SearchMode.KEYWORD).k(0).build());
    assertThrows(IllegalArgumentException.class,
        () -> SearchRequest.builder("q", SearchMode.KEYWORD).k(20).candidates(10).build());
    assertThrows(IllegalArgumentException.class,
        () -> SearchRequest.builder("q", SearchMode.KEYWORD).oversample(0).build());
    assertThrows(IllegalArgumentException.class, () -> new Fusion.Convex(1.5));
    assertThrows(IllegalArgumentException.class,
        () -> SearchFilters.NONE.withModified(5L, 4L));
    SearchRequest r = SearchRequest.builder("q", SearchMode.KEYWORD).k(50).build();
    assertEquals(200, r.candidates());
    assertEquals(100, SearchRequest.builder("q", SearchMode.KEYWORD).build().candidates());
    assertEquals(r, r.toBuilder().build());
    assertEquals(400, r.toBuilder().k(100).build().candidates(), "default follows k");
  }
}
