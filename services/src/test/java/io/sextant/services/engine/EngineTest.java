package io.sextant.services.engine;

import static io.sextant.services.engine.EngineTestSupport.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.VectorEncoding;
import io.sextant.services.indexing.IngestListener;
import io.sextant.services.indexing.IngestReport;
import io.sextant.services.model.ModelRegistry;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.task.Cancellation;
import io.sextant.services.task.TaskRunner;
import io.sextant.services.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine end to end on the repository's sample corpus, with the real quantised MiniLM, a real
 * Lucene index and a real SQLite catalog. Steps build on each other (index, re-index, edit,
 * delete, re-settle), as a user's workspace does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineTest {

  @TempDir static Path tmp;
  static Path docs;
  static Workspace ws;
  static ModelRegistry registry;
  static TaskRunner tasks;
  static Engine engine;

  @BeforeAll
  static void setUp() throws Exception {
    docs = tmp.resolve("docs");
    EngineTestSupport.copyTree(EngineTestSupport.sampleDocuments(), docs);
    ws = Workspace.at(tmp.resolve("ws"));
    registry = EngineTestSupport.registry();
    tasks = EngineTestSupport.tasks();
    engine = Engine.open(ws, registry, tasks, c -> c.withModels(List.of(MODEL)));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (engine != null) {
      engine.close();
    }
    tasks.close();
  }

  private static List<DocHit> search(String q, SearchMode mode) throws java.io.IOException {
    return engine.search(SearchRequest.builder(q, mode).modelId(mode == SearchMode.KEYWORD ? null : MODEL)
        .k(5).build()).hits();
  }

  private static String firstFile(String q, SearchMode mode) throws java.io.IOException {
    var hits = search(q, mode);
    assertFalse(hits.isEmpty(), "no hits for " + q);
    return Path.of(hits.get(0).path()).getFileName().toString();
  }

  @Test
  @Order(1)
  void indexingTheSampleCorpusIndexesEveryGoodFileAndReportsTheBrokenOne() throws Exception {
    IngestReport r = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    assertEquals(15, r.filesSeen(), r.toString());
    assertEquals(14, r.filesIndexed(), r.failures().toString());
    assertEquals(1, r.filesFailed());
    assertTrue(r.failures().get(0).path().endsWith("damaged-report.pdf"));
    assertFalse(r.failures().get(0).reason().isBlank());
    assertTrue(r.chunks() >= 14);
    assertEquals(r.chunks(), r.chunksEmbedded(), "every chunk text is new, so every one is embedded");
  }

  @Test
  @Order(100) // last: it adds a source the other tests do not expect
  void anIngestReportsWhereItsTimeWent() throws Exception {
    Path more = Files.createDirectories(tmp.resolve("timing"));
    for (int i = 0; i < 40; i++) {
      Files.writeString(more.resolve("note-" + i + ".txt"), "Note " + i + " on tides, lentils and graphs.");
    }
    IngestReport r = engine.ingest(List.of(more), IngestListener.NONE, new Cancellation());
    IngestReport.Timing t = r.timing();
    assertEquals(40, r.filesIndexed(), r.failures().toString());
    assertTrue(t.parseSeconds() > 0 && t.embedSeconds() > 0 && t.indexSeconds() > 0, t.toString());
    // The ingest thread's parts are disjoint stretches of the run's wall time.
    assertTrue(t.parserWaitSeconds() + t.embedSeconds() + t.indexSeconds() <= r.seconds(), t + " vs " + r.seconds());
  }

  @Test
  @Order(2)
  void keywordSemanticAndHybridFindTheExpectedFilesFirst() throws Exception {
    assertEquals("how-hnsw-graph-search-works.md", firstFile("efConstruction", SearchMode.KEYWORD));
    assertEquals("red-lentil-soup-recipe.md",
        firstFile("inexpensive vegetarian supper from dried pulses", SearchMode.SEMANTIC));
    assertEquals("tides-and-the-moon.pdf",
        firstFile("why does high water come almost an hour later every day", SearchMode.HYBRID));
    var hit = search("Jikji metal movable type", SearchMode.HYBRID).get(0);
    assertTrue(hit.path().endsWith("history-of-the-printing-press.html"));
    var best = hit.chunks().get(0);
    assertTrue(best.bm25Rank() != null && best.vectorRank() != null, "hybrid keeps both components");
    assertFalse(best.highlights().isEmpty(), "query terms are highlighted in the snippet");
  }

  @Test
  @Order(3)
  void pdfHitsCarryTheirPageNumber() throws Exception {
    var hit = search("dead reckoning heading speed and time", SearchMode.HYBRID).get(0);
    assertTrue(hit.path().endsWith(".pdf"), hit.path());
    assertTrue(hit.chunks().get(0).page() >= 1);
  }

  @Test
  @Order(4)
  void reindexingAnUnchangedFolderEmbedsNothing() throws Exception {
    IngestReport r = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    assertEquals(0, r.chunksEmbedded());
    assertEquals(0, r.filesIndexed());
    assertEquals(14, r.filesUnchanged());
    assertEquals(1, r.filesFailed(), "the broken file is still reported");
  }

  @Test
  @Order(5)
  void aTouchedButUnchangedFileIsNotReprocessed() throws Exception {
    Path f = docs.resolve("git-for-beginners.md");
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    IngestReport r = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    assertEquals(0, r.filesIndexed());
    assertEquals(0, r.chunksEmbedded());
  }

  @Test
  @Order(6)
  void anEditedFileIsReprocessedAndOnlyItsNewChunksAreEmbedded() throws Exception {
    Path f = docs.resolve("red-lentil-soup-recipe.md");
    Files.writeString(f, Files.readString(f) + "\n\nServe with warm flatbread and a squeeze of lime.\n");
    IngestReport r = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    assertEquals(1, r.filesIndexed());
    assertTrue(r.chunksEmbedded() >= 1 && r.chunksEmbedded() < r.chunks() + 1, r.toString());
    assertEquals("red-lentil-soup-recipe.md", firstFile("flatbread lime", SearchMode.KEYWORD));
  }

  @Test
  @Order(7)
  void aDeletedFileLeavesTheIndexAndTheCatalog() throws Exception {
    Path f = docs.resolve("bicycle-maintenance-checklist.txt");
    assertEquals("bicycle-maintenance-checklist.txt", firstFile("derailleur hanger", SearchMode.KEYWORD));
    Files.delete(f);
    IngestReport r = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    assertEquals(1, r.filesDeleted());
    assertTrue(search("derailleur hanger", SearchMode.KEYWORD).stream()
        .noneMatch(h -> h.path().endsWith("bicycle-maintenance-checklist.txt")));
    assertTrue(engine.catalog().file(f.toString()).isEmpty());
  }

  @Test
  @Order(8)
  void changingVectorEncodingRebuildsFromTheCacheWithoutRunningTheModel() throws Exception {
    int chunks = engine.index().numChunks();
    engine.close();
    engine = Engine.open(ws, registry, tasks,
        c -> c.withIndex(new IndexSettings(16, 100, VectorEncoding.INT8)));
    assertEquals(chunks, engine.index().numChunks());
    assertEquals(VectorEncoding.INT8, engine.config().index().encoding());
    assertEquals("red-lentil-soup-recipe.md",
        firstFile("inexpensive vegetarian supper from dried pulses", SearchMode.SEMANTIC));
    var rebuilt = engine.rebuild(IngestListener.NONE);
    assertEquals(0, rebuilt.embedded(), "every vector comes from the embedding cache");
  }

  @Test
  @Order(9)
  void changingChunkSizeReparsesEveryFileOnTheNextIngest() throws Exception {
    engine.close();
    engine = Engine.open(ws, registry, tasks,
        c -> c.withChunker(new io.sextant.services.ingest.ChunkerSettings(96, 16)));
    IngestReport r = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    assertEquals(13, r.filesIndexed(), "every good file is re-chunked: " + r);
    assertEquals(engine.catalog().chunkCount(), engine.index().numChunks());
    IngestReport again = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    assertEquals(0, again.filesIndexed());
    assertEquals(0, again.chunksEmbedded());
  }

  @Test
  @Order(20)
  void removingASourceTakesItsFilesOutOfSearchAndCatalogButLeavesThemOnDisk() throws Exception {
    long source = engine.catalog().sources().get(0).id();
    int files = engine.catalog().files(source).size();
    assertTrue(files > 0);
    assertEquals(files, engine.removeSource(source));
    assertTrue(engine.catalog().sources().isEmpty());
    assertEquals(0, engine.catalog().chunkCount());
    assertTrue(search("sourdough starter", SearchMode.KEYWORD).isEmpty());
    assertTrue(Files.exists(docs.resolve("sourdough-starter-care.md")));
    // re-adding it embeds nothing: the vectors are still cached
    IngestReport again = engine.ingest(List.of(docs), IngestListener.NONE, new Cancellation());
    assertEquals(0, again.chunksEmbedded());
    assertEquals("sourdough-starter-care.md", firstFile("sourdough starter", SearchMode.KEYWORD));
  }
}
