package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.index.SyntheticChunks;
import io.sextant.services.index.VectorMath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Exact vector search against a brute-force oracle computed here, over one shared index of a few
 * hundred clustered chunks (three per document, every document in one of four folders/types).
 * Seeds are fixed, so every run replays the same cases.
 */
class ExactSemanticSearchPropertyTest {

  private static final int N = 450;
  private static final int DIM = 32;
  private static Path dir;
  private static ChunkIndex index;
  private static SearchService service;
  private static List<IndexedChunk> chunks;
  private static float[][] vectors;

  @BeforeContainer
  static void buildIndex() throws Exception {
    dir = Files.createTempDirectory("sextant-exact-");
    vectors = SyntheticChunks.clusteredVectors(11, N, DIM, 12, 0.12f);
    chunks = SyntheticChunks.chunks(11, vectors, 3);
    index = ChunkIndex.open(dir, IndexSettings.DEFAULT);
    // Three commits: several segments, so per-leaf doc bases are exercised.
    for (int i = 0; i < N; i += 150) {
      index.addAll(chunks.subList(i, i + 150));
      index.commit();
    }
    // Deleted documents must never come back from the exact scan.
    index.deleteDoc(chunks.get(0).docKey());
    index.deleteDoc(chunks.get(N - 1).docKey());
    index.commit();
    service = new SearchService(index, QueryEmbedder.none());
  }

  @AfterContainer
  static void close() throws Exception {
    index.close();
    SyntheticChunks.deleteTree(dir);
  }

  private static boolean deleted(IndexedChunk c) {
    return c.docKey().equals(chunks.get(0).docKey()) || c.docKey().equals(chunks.get(N - 1).docKey());
  }

  @Property(tries = 150, seed = "20260101")
  void everyLiveChunkIsItsOwnTopExactHit(@ForAll @IntRange(min = 3, max = N - 4) int i)
      throws Exception {
    SearchResponse r = service.search(SearchRequest.builder("", SearchMode.SEMANTIC)
        .modelId(SyntheticChunks.MODEL).queryVector(vectors[i]).exact(true).k(1).build());
    ChunkHit top = r.hits().get(0).best();
    assertEquals(chunks.get(i).chunkId(), top.chunkId());
    assertEquals(1.0, top.vectorScore(), 1e-5);
    assertEquals(1, top.vectorRank());
  }

  @Provide
  Arbitrary<SearchFilters> filters() {
    Arbitrary<Set<String>> types =
        Arbitraries.of(SyntheticChunks.TYPES).set().ofMinSize(0).ofMaxSize(2);
    Arbitrary<String> folder =
        Arbitraries.of("/corpus", "/corpus/alpha", "/corpus/beta", "/elsewhere").injectNull(0.4);
    Arbitrary<Long> from = Arbitraries.integers().between(0, 150)
        .map(h -> SyntheticChunks.BASE_MILLIS + h * 3_600_000L).injectNull(0.5);
    Arbitrary<Long> maxSize = Arbitraries.longs().between(1_000, 150_000).injectNull(0.5);
    return net.jqwik.api.Combinators.combine(types, folder, from, maxSize)
        .as((t, f, m, s) -> new SearchFilters(t, f, m, null, null, s));
  }

  private static boolean matches(IndexedChunk c, SearchFilters f) {
    return (f.fileTypes().isEmpty() || f.fileTypes().contains(c.fileType()))
        && (f.folder() == null || (c.folder() + "/").startsWith(f.folder() + "/"))
        && (f.modifiedFrom() == null || c.modifiedMillis() >= f.modifiedFrom())
        && (f.maxSize() == null || c.sizeBytes() <= f.maxSize());
  }

  @Property(tries = 60, seed = "20260102")
  void filteredExactSearchEqualsBruteForce(
      @ForAll @IntRange(min = 0, max = N - 1) int queryIndex, @ForAll("filters") SearchFilters f)
      throws Exception {
    float[] q = vectors[queryIndex];
    List<String> expected = IntStream.range(0, N).boxed()
        .filter(i -> !deleted(chunks.get(i)) && matches(chunks.get(i), f))
        .sorted(Comparator.comparingDouble((Integer i) -> -VectorMath.dot(q, vectors[i])))
        .limit(10).map(i -> chunks.get(i).chunkId()).toList();
    SearchResponse r = service.search(SearchRequest.builder("", SearchMode.SEMANTIC)
        .modelId(SyntheticChunks.MODEL).queryVector(q).exact(true).k(10).groupByDoc(false)
        .filters(f).build());
    List<String> actual = r.hits().stream().map(d -> d.best().chunkId()).toList();
    assertEquals(expected, actual, "filters " + f);
    for (int i = 1; i < r.hits().size(); i++) {
      assertTrue(r.hits().get(i - 1).score() >= r.hits().get(i).score());
    }
  }

  @Property(tries = 40, seed = "20260103")
  void hnswHonoursTheSameFiltersAsExact(
      @ForAll @IntRange(min = 0, max = N - 1) int queryIndex, @ForAll("filters") SearchFilters f)
      throws Exception {
    SearchRequest exact = SearchRequest.builder("", SearchMode.SEMANTIC)
        .modelId(SyntheticChunks.MODEL).queryVector(vectors[queryIndex]).exact(true).k(5)
        .groupByDoc(false).filters(f).build();
    SearchResponse hnsw = service.search(exact.toBuilder().exact(false).build());
    for (DocHit d : hnsw.hits()) {
      IndexedChunk c = chunks.stream().filter(x -> x.chunkId().equals(d.best().chunkId()))
          .findFirst().orElseThrow();
      assertTrue(matches(c, f) && !deleted(c), c.chunkId() + " escapes " + f);
    }
    // Small filtered sets are searched exactly by Lucene too; either way the top hit agrees.
    SearchResponse ex = service.search(exact);
    if (!ex.hits().isEmpty()) {
      assertEquals(ex.hits().get(0).best().chunkId(), hnsw.hits().get(0).best().chunkId());
    }
  }

  @Property(tries = 30, seed = "20260104")
  void groupedResultsNeverRepeatADocumentAndRankByTheBestChunk(
      @ForAll @IntRange(min = 0, max = N - 1) int queryIndex,
      @ForAll @IntRange(min = 1, max = 20) int k) throws Exception {
    SearchResponse r = service.search(SearchRequest.builder("", SearchMode.SEMANTIC)
        .modelId(SyntheticChunks.MODEL).queryVector(vectors[queryIndex]).exact(true).k(k).build());
    assertEquals(k, r.hits().size());
    assertEquals(k, r.hits().stream().map(DocHit::docKey).distinct().count());
    for (int i = 0; i < r.hits().size(); i++) {
      DocHit d = r.hits().get(i);
      assertEquals(d.chunks().get(0).score(), d.score());
      for (int j = 1; j < d.chunks().size(); j++) {
        assertTrue(d.chunks().get(j - 1).score() >= d.chunks().get(j).score());
        assertEquals(d.docKey(), d.chunks().get(j).docKey());
      }
      if (i > 0) {
        assertTrue(r.hits().get(i - 1).score() >= d.score());
      }
    }
  }

  @Property(tries = 40, seed = "20260104")
  void rankGivesTheSameRankingAsSearchWithoutBuildingHits(
      @ForAll @IntRange(min = 0, max = N - 1) int queryIndex, @ForAll boolean groupByDoc,
      @ForAll boolean exact, @ForAll @IntRange(min = 1, max = 20) int k) throws Exception {
    SearchRequest req = SearchRequest.builder("", SearchMode.SEMANTIC).modelId(SyntheticChunks.MODEL)
        .queryVector(vectors[queryIndex]).exact(exact).k(k).groupByDoc(groupByDoc).build();
    List<List<String>> expected = service.search(req).hits().stream()
        .map(d -> d.chunks().stream().map(c -> c.docKey() + "@" + (float) c.score()).toList()).toList();
    List<List<String>> actual = service.rank(req).stream()
        .map(g -> g.stream().map(c -> c.docKey() + "@" + (float) c.score()).toList()).toList();
    assertEquals(expected, actual);
  }
}
