package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.model.TextEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hybrid search that embeds its query text runs the keyword retrieval on another thread meanwhile.
 * The same searches through a service that runs everything in order must give the very same hits,
 * scores and snippets; failures on either side must reach the caller as the in-order path gives
 * them. Real parts: the quantised MiniLM and a Lucene index of 240 chunks in a temp folder.
 */
class OverlappedKeywordRetrievalTest {

  private static final String MODEL = "all-minilm-l6-v2-q";
  private static final String[] WORDS = ("river bank money loan harbour ship anchor storm winter "
      + "garden apple orchard cider press printing paper ink letter post office stamp market price "
      + "grain mill wheel water power station train track signal lamp light house keeper island "
      + "ferry bridge toll road map compass north star night sky telescope lens glass window frame "
      + "picture painter colour canvas museum ticket queue").split(" ");

  @TempDir static Path tmp;
  private static ChunkIndex index;
  private static TextEmbedder model;
  private static ExecutorService pool;
  private static List<String> queries;

  @BeforeAll
  static void indexRealEmbeddings() throws Exception {
    model = new ModelRegistry(Path.of("target", "test-models").toAbsolutePath()).open(MODEL, 1);
    SplittableRandom r = new SplittableRandom(7);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      texts.add(sentence(r, 12 + r.nextInt(20)));
    }
    float[][] vectors = model.embedPassages(texts).vectors();
    List<IndexedChunk> chunks = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String doc = "/docs/doc-" + (i / 4) + ".txt"; // four chunks per document, for grouping
      String text = texts.get(i);
      chunks.add(new IndexedChunk("c" + i, doc, -1, doc, "doc " + (i / 4), "txt", "/docs", text,
          i % 4, 0, text.length(), 0, 0, text.length(), Map.of(MODEL, vectors[i])));
    }
    index = ChunkIndex.open(tmp.resolve("index"), IndexSettings.DEFAULT);
    index.addAll(chunks);
    index.commit();
    pool = Executors.newFixedThreadPool(2);
    queries = IntStream.range(0, 25).mapToObj(i -> sentence(r, 2 + r.nextInt(6))).toList();
  }

  @AfterAll
  static void close() throws Exception {
    pool.shutdownNow();
    index.close();
    model.close();
  }

  private static String sentence(SplittableRandom r, int words) {
    return IntStream.range(0, words).mapToObj(i -> WORDS[r.nextInt(WORDS.length)])
        .collect(Collectors.joining(" "));
  }

  private static QueryEmbedder real() {
    return (m, q) -> model.embedQuery(q);
  }

  /**
   * Every field of every hit except the scores, which {@link #assertSameHits} compares with a
   * tolerance; highlight ranges are arrays, which the records' own equality compares by identity.
   */
  private static String render(SearchResponse r) {
    StringBuilder out = new StringBuilder();
    for (DocHit d : r.hits()) {
      out.append(d.docKey()).append(" ").append(d.path()).append(" ").append(d.title()).append(" ")
          .append(d.firstStageRank()).append(" ").append(d.kind()).append("\n");
      for (ChunkHit c : d.chunks()) {
        out.append("  ").append(c.toString().replaceAll("highlights=\\[[^\\]]*\\]", "")
                .replaceAll("(bm25Score|vectorScore|score|firstStageScore)=[^,\\]]*", "$1=?"))
            .append(c.highlights().stream().map(Arrays::toString).toList()).append('\n');
      }
    }
    return out.toString();
  }

  private static List<Double> scores(SearchResponse r) {
    List<Double> out = new ArrayList<>();
    for (DocHit d : r.hits()) {
      out.add(d.score());
      for (ChunkHit c : d.chunks()) {
        out.add(c.score());
        out.add(c.bm25Score() == null ? Double.NaN : c.bm25Score());
        out.add(c.vectorScore() == null ? Double.NaN : c.vectorScore());
        out.add(c.firstStageScore() == null ? Double.NaN : c.firstStageScore());
      }
    }
    return out;
  }

  /**
   * Same documents, chunks, ranks, snippets and highlights, and the same scores within 1e-6. Not
   * bit for bit: two embeddings of the same query text in this JVM were seen to differ in the
   * last bits of a float (vector scores 2 ulps apart, also with both searches in order), so exact
   * score equality would test ONNX Runtime's reproducibility rather than the overlap.
   */
  private static void assertSameHits(SearchResponse a, SearchResponse b, String message) {
    assertEquals(render(a), render(b), message);
    List<Double> sa = scores(a);
    List<Double> sb = scores(b);
    assertEquals(sa.size(), sb.size(), message);
    for (int i = 0; i < sa.size(); i++) {
      if (!(sa.get(i).isNaN() && sb.get(i).isNaN())) {
        assertEquals(sa.get(i), sb.get(i), 1e-6, message + " score " + i);
      }
    }
  }

  private static SearchResponse search(SearchService s, String q, Fusion fusion, boolean byDoc)
      throws Exception {
    return s.search(SearchRequest.builder(q, SearchMode.HYBRID).modelId(MODEL).k(10).fusion(fusion)
        .groupByDoc(byDoc).build());
  }

  @Test
  void overlappedHybridSearchesGiveExactlyTheInOrderHitsScoresAndSnippets() throws Exception {
    SearchService inOrder = new SearchService(index, real());
    SearchService overlapped = new SearchService(index, real(), RerankerSource.none(), pool);
    int compared = 0;
    for (String q : queries) {
      for (Fusion fusion : List.of(Fusion.rrf(), new Fusion.Convex(0.3))) {
        for (boolean byDoc : List.of(true, false)) {
          SearchResponse a = search(inOrder, q, fusion, byDoc);
          SearchResponse b = search(overlapped, q, fusion, byDoc);
          assertFalse(a.hits().isEmpty(), q);
          assertSameHits(a, b, q + " " + fusion + " byDoc=" + byDoc);
          assertEquals(a.totalCandidates(), b.totalCandidates(), q);
          assertTrue(a.hits().stream().anyMatch(h -> h.best().bm25Score() != null), q);
          compared++;
        }
      }
    }
    assertEquals(queries.size() * 4, compared);
  }

  @Test
  void onlyHybridSearchesThatEmbedTheirTextHandTheKeywordPartOff() throws Exception {
    AtomicInteger handedOff = new AtomicInteger();
    Executor counting = task -> {
      handedOff.incrementAndGet();
      pool.execute(task);
    };
    SearchService s = new SearchService(index, real(), RerankerSource.none(), counting);
    String q = queries.get(0);
    s.search(SearchRequest.builder(q, SearchMode.KEYWORD).build());
    s.search(SearchRequest.builder(q, SearchMode.SEMANTIC).modelId(MODEL).build());
    s.search(SearchRequest.builder(q, SearchMode.HYBRID).modelId(MODEL)
        .queryVector(model.embedQuery(q)).build());
    assertEquals(0, handedOff.get(), "nothing to overlap without an embedding and both sides");
    s.search(SearchRequest.builder(q, SearchMode.HYBRID).modelId(MODEL).build());
    assertEquals(1, handedOff.get());
  }

  @Test
  void aBusyOrShutDownExecutorDoesNotHoldTheSearchBack() throws Exception {
    SearchService inOrder = new SearchService(index, real());
    ExecutorService one = Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    try {
      one.execute(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      // The only worker is stuck: the searching thread runs the keyword part itself.
      SearchService busy = new SearchService(index, real(), RerankerSource.none(), one);
      String q = queries.get(1);
      assertSameHits(search(inOrder, q, Fusion.rrf(), true), search(busy, q, Fusion.rrf(), true), q);
      release.countDown();
      one.shutdown();
      assertTrue(one.awaitTermination(10, TimeUnit.SECONDS));
      // Shut down: the hand-off is refused, and the search still runs it.
      assertSameHits(search(inOrder, q, Fusion.rrf(), true), search(busy, q, Fusion.rrf(), true), q);
    } finally {
      release.countDown();
      one.shutdownNow();
    }
  }

  @Test
  void aKeywordFailureOnTheWorkerReachesTheCallerAsTheInOrderPathThrowsIt() throws Exception {
    // As many distinct terms as Lucene allows clauses builds, but with a filter clause beside it
    // the keyword query has one too many: it fails when it is run (the vector side, filtered by
    // the same folder, does not).
    String tooMany = IntStream.range(0, IndexSearcher.getMaxClauseCount())
        .mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    SearchFilters folder = new SearchFilters(Set.of(), "/docs", null, null, null, null);
    SearchService inOrder = new SearchService(index, real());
    SearchService overlapped = new SearchService(index, real(), RerankerSource.none(), pool);
    SearchRequest req = SearchRequest.builder(tooMany, SearchMode.HYBRID).modelId(MODEL).filters(folder).build();
    var expected = assertThrows(IndexSearcher.TooManyClauses.class, () -> inOrder.search(req));
    var actual = assertThrows(IndexSearcher.TooManyClauses.class, () -> overlapped.search(req));
    assertEquals(expected.getMessage(), actual.getMessage());
    assertTrue(Arrays.stream(actual.getSuppressed()).anyMatch(t -> t.getMessage().contains("rethrown")),
        "the keyword part's own failure, with the searching thread's stack attached");
    // and the service keeps working
    String q = queries.get(2);
    assertSameHits(search(inOrder, q, Fusion.rrf(), true), search(overlapped, q, Fusion.rrf(), true), q);
  }

  @Test
  void aFailedEmbeddingAbandonsTheKeywordPartAndTheServiceKeepsWorking() throws Exception {
    RuntimeException modelGone = new IllegalStateException("model unloaded");
    QueryEmbedder failing = (m, q) -> {
      if (q.startsWith("fail")) {
        throw modelGone;
      }
      return model.embedQuery(q);
    };
    SearchService inOrder = new SearchService(index, real());
    SearchService overlapped = new SearchService(index, failing, RerankerSource.none(), pool);
    for (int i = 0; i < 20; i++) {
      String q = "fail " + queries.get(i);
      assertSame(modelGone, assertThrows(IllegalStateException.class,
          () -> search(overlapped, q, Fusion.rrf(), true)));
    }
    String q = queries.get(3);
    assertSameHits(search(inOrder, q, Fusion.rrf(), true), search(overlapped, q, Fusion.rrf(), true), q);
  }
}
