package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.index.SyntheticChunks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordSearchTest {

  @TempDir Path tmp;
  private ChunkIndex index;
  private SearchService service;

  /** Chunk of a file; sizes and times chosen so each filter splits the set differently. */
  private static IndexedChunk file(String id, String path, int ordinal, String text, long modified,
      long size, Map<String, float[]> vectors) {
    Path p = Path.of(path);
    String name = p.getFileName().toString();
    String type = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return new IndexedChunk(id, path, -1, path, name, type, p.getParent().toString(), text,
        ordinal, ordinal * 100, ordinal * 100 + text.length(), 0, modified, size, vectors);
  }

  @BeforeEach
  void setUp() throws Exception {
    index = ChunkIndex.open(tmp, IndexSettings.DEFAULT);
    index.addAll(List.of(
        file("run-0", "/data/notes/run.txt", 0, "She runs every morning before work.", 1_000, 10,
            Map.of("m", new float[] {1, 0})),
        file("run-1", "/data/notes/run.txt", 1, "The weather was cold and grey.", 1_000, 10,
            Map.of("m", new float[] {0, 1})),
        file("plan-0", "/data/notes/deep/plan.md", 0,
            "Marathon training plan: running long distances weekly.", 2_000, 20, Map.of()),
        file("cook-0", "/data/other/cook.pdf", 0, "Cooking pasta requires boiling water.", 3_000,
            30, Map.of()),
        file("multi-0", "/data/other/multi.txt", 0, "A garden with one rose.", 4_000, 40, Map.of()),
        file("multi-1", "/data/other/multi.txt", 1,
            "Garden after garden after garden: rose beds everywhere in the garden.", 4_000, 40,
            Map.of()),
        file("multi-2", "/data/other/multi.txt", 2, "Nothing about flowers here.", 4_000, 40,
            Map.of())));
    index.commit();
    service = new SearchService(index, QueryEmbedder.none());
  }

  @AfterEach
  void tearDown() throws Exception {
    index.close();
  }

  private SearchResponse keyword(String q, SearchFilters filters) throws Exception {
    return service.search(SearchRequest.builder(q, SearchMode.KEYWORD).filters(filters).build());
  }

  private static List<String> chunkIds(SearchResponse r) {
    List<String> ids = new ArrayList<>();
    r.hits().forEach(d -> d.chunks().forEach(c -> ids.add(c.chunkId())));
    return ids;
  }

  private static Set<String> docPaths(SearchResponse r) {
    Set<String> paths = new java.util.TreeSet<>();
    r.hits().forEach(d -> paths.add(d.path()));
    return paths;
  }

  @Test
  void stemmingLetsRunningFindRuns() throws Exception {
    SearchResponse r = keyword("running", SearchFilters.NONE);
    assertEquals(Set.of("run-0", "plan-0"), Set.copyOf(chunkIds(r)));
    assertEquals(SearchMode.KEYWORD, r.mode());
    assertNull(r.modelId());
    for (DocHit d : r.hits()) {
      ChunkHit c = d.best();
      assertNotNull(c.bm25Score());
      assertEquals(c.bm25Score(), c.score());
      assertNull(c.vectorScore());
      assertNull(c.vectorRank());
    }
    assertEquals(1, r.hits().get(0).best().bm25Rank());
  }

  @Test
  void aStopwordOnlyOrEmptyQueryReturnsNoHits() throws Exception {
    assertTrue(keyword("the and of", SearchFilters.NONE).hits().isEmpty());
    assertTrue(keyword("", SearchFilters.NONE).hits().isEmpty());
    assertTrue(keyword("   ", SearchFilters.NONE).hits().isEmpty());
    assertEquals(0, keyword("the", SearchFilters.NONE).totalCandidates());
  }

  @Test
  void fileTypeFilterRestrictsResults() throws Exception {
    SearchFilters md = SearchFilters.NONE.withFileTypes(Set.of(".MD"));
    assertEquals(Set.of("/data/notes/deep/plan.md"), docPaths(keyword("running", md)));
    SearchFilters pdfOrTxt = SearchFilters.NONE.withFileTypes(Set.of("pdf", "txt"));
    assertEquals(Set.of("/data/notes/run.txt"), docPaths(keyword("running", pdfOrTxt)));
  }

  @Test
  void folderFilterMatchesFilesAtAnyDepthUnderIt() throws Exception {
    assertEquals(Set.of("/data/notes/run.txt", "/data/notes/deep/plan.md"),
        docPaths(keyword("running", SearchFilters.NONE.withFolder("/data/notes/"))));
    assertEquals(Set.of("/data/notes/deep/plan.md"),
        docPaths(keyword("running", SearchFilters.NONE.withFolder("/data/notes/deep"))));
    assertTrue(keyword("running", SearchFilters.NONE.withFolder("/data/other")).hits().isEmpty());
    // "/data/note" is a string prefix of "/data/notes" but not a folder containing it.
    assertTrue(keyword("running", SearchFilters.NONE.withFolder("/data/note")).hits().isEmpty());
  }

  @Test
  void modifiedAndSizeRangesAreInclusiveFilters() throws Exception {
    String q = "running cooking garden";
    assertEquals(Set.of("/data/notes/deep/plan.md", "/data/other/cook.pdf"),
        docPaths(keyword(q, SearchFilters.NONE.withModified(2_000L, 3_000L))));
    assertEquals(Set.of("/data/other/cook.pdf", "/data/other/multi.txt"),
        docPaths(keyword(q, SearchFilters.NONE.withModified(2_500L, null))));
    assertEquals(Set.of("/data/notes/run.txt", "/data/notes/deep/plan.md"),
        docPaths(keyword(q, SearchFilters.NONE.withSize(null, 20L))));
    assertEquals(Set.of("/data/other/cook.pdf"),
        docPaths(keyword(q, SearchFilters.NONE.withSize(25L, 35L).withFileTypes(Set.of("pdf")))));
  }

  @Test
  void aDeletedDocumentDisappearsAfterCommit() throws Exception {
    index.deleteDoc("/data/notes/run.txt");
    assertEquals(2, keyword("running", SearchFilters.NONE).hits().size(), "not yet committed");
    index.commit();
    assertEquals(Set.of("/data/notes/deep/plan.md"), docPaths(keyword("running", SearchFilters.NONE)));
  }

  @Test
  void groupsChunksByDocumentBestChunkFirst() throws Exception {
    SearchResponse r = keyword("garden rose", SearchFilters.NONE);
    assertEquals(1, r.hits().size());
    DocHit d = r.hits().get(0);
    assertEquals("/data/other/multi.txt", d.docKey());
    assertEquals(List.of("multi-1", "multi-0"), d.chunks().stream().map(ChunkHit::chunkId).toList());
    assertEquals(d.chunks().get(0).score(), d.score());
    assertTrue(d.chunks().get(0).score() > d.chunks().get(1).score());
    assertEquals(1, d.chunks().get(0).bm25Rank());
    assertEquals(2, d.chunks().get(1).bm25Rank());

    SearchResponse flat = service.search(
        SearchRequest.builder("garden rose", SearchMode.KEYWORD).groupByDoc(false).build());
    assertEquals(2, flat.hits().size());
    assertEquals("multi-1", flat.hits().get(0).best().chunkId());
  }

  @Test
  void kCountsDocumentsNotChunks() throws Exception {
    SearchResponse r = service.search(
        SearchRequest.builder("running garden", SearchMode.KEYWORD).k(2).build());
    assertEquals(2, r.hits().size());
    assertEquals(4, r.totalCandidates()); // run-0, plan-0, multi-0, multi-1
  }

  @Test
  void highlightsPointAtTheQueryTermsInThePlainTextSnippet() throws Exception {
    SearchResponse r = keyword("running garden", SearchFilters.NONE);
    int checked = 0;
    for (DocHit d : r.hits()) {
      // each document's shown passage is highlighted (onlyTheFirstPassages... covers the rest)
      for (ChunkHit c : d.chunks().subList(0, SearchService.SNIPPETS_PER_DOC)) {
        assertFalse(c.highlights().isEmpty(), c.chunkId());
        assertFalse(c.snippet().contains("<"), "plain text, no markup");
        for (int[] h : c.highlights()) {
          String word = c.snippet().substring(h[0], h[1]).toLowerCase(Locale.ROOT);
          assertTrue(Set.of("runs", "running", "garden").contains(word), word);
          checked++;
        }
      }
    }
    assertTrue(checked >= 6, "checked " + checked);
    ChunkHit plan = r.hits().stream().flatMap(d -> d.chunks().stream())
        .filter(c -> c.chunkId().equals("plan-0")).findFirst().orElseThrow();
    assertEquals("Marathon training plan: running long distances weekly.", plan.snippet());
    assertEquals(List.of(24), plan.highlights().stream().map(h -> h[0]).toList());
  }

  @Test
  void semanticHitsGetTheChunkOpeningWithAnalysedQueryTermsHighlighted() throws Exception {
    SearchResponse r = service.search(SearchRequest.builder("running", SearchMode.SEMANTIC)
        .modelId("m").queryVector(new float[] {1, 0}).k(1).build());
    ChunkHit c = r.hits().get(0).best();
    assertEquals("run-0", c.chunkId());
    assertEquals("She runs every morning before work.", c.snippet());
    assertEquals(1, c.highlights().size());
    assertEquals("runs", c.snippet().substring(c.highlights().get(0)[0], c.highlights().get(0)[1]));
    assertEquals(0, r.embedMicros(), "vector supplied, nothing embedded");
  }

  @Test
  void longChunksGetABoundedSnippetAroundTheMatch() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append(SyntheticChunks.WORDS.get(i % SyntheticChunks.WORDS.size())).append(' ');
    }
    text.append("needle ");
    for (int i = 0; i < 200; i++) {
      text.append(SyntheticChunks.WORDS.get(i % SyntheticChunks.WORDS.size())).append(' ');
    }
    index.add(file("long-0", "/data/long.txt", 0, text.toString(), 1, 1, Map.of()));
    index.commit();
    ChunkHit c = keyword("needle", SearchFilters.NONE).hits().get(0).best();
    assertTrue(c.snippet().length() <= 340, c.snippet().length() + ": " + c.snippet());
    assertEquals(1, c.highlights().size());
    assertEquals("needle", c.snippet().substring(c.highlights().get(0)[0], c.highlights().get(0)[1]));
    assertTrue(c.snippet().startsWith("…") && c.snippet().endsWith("…"), c.snippet());
  }

  @Test
  void onlyTheFirstPassagesOfAFileGetHighlightedSnippetsTheRestAPlainLeadIn() throws Exception {
    List<IndexedChunk> many = new ArrayList<>();
    for (int i = 0; i < SearchService.SNIPPETS_PER_DOC + 2; i++) {
      many.add(file("kelp-" + i, "/data/sea/kelp.txt", i, "Kelp forest number " + i + " grows kelp fast.",
          5_000, 50, Map.of()));
    }
    index.addAll(many);
    index.commit();
    DocHit kelp = keyword("kelp", SearchFilters.NONE).hits().get(0);
    assertEquals(SearchService.SNIPPETS_PER_DOC + 2, kelp.chunks().size());
    for (int i = 0; i < kelp.chunks().size(); i++) {
      ChunkHit c = kelp.chunks().get(i);
      if (i < SearchService.SNIPPETS_PER_DOC) {
        assertFalse(c.highlights().isEmpty(), "highlighted: passage " + i);
      } else {
        assertTrue(c.highlights().isEmpty(), "plain: passage " + i);
        assertEquals(c.text(), c.snippet(), "a short passage is its own lead-in");
      }
    }
  }
}
