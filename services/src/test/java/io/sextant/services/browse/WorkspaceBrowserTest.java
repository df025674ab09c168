package io.sextant.services.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.catalog.Catalog;
import io.sextant.services.catalog.ChunkRecord;
import io.sextant.services.catalog.FileRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real SQLite catalog file. */
class WorkspaceBrowserTest {

  @TempDir Path dir;
  Catalog catalog;
  WorkspaceBrowser browser;
  long docs;
  long notes;

  @BeforeEach
  void fill() {
    catalog = Catalog.open(dir.resolve("catalog.db"));
    browser = new WorkspaceBrowser(catalog);
    docs = catalog.addSource(Path.of("/home/u/docs"));
    notes = catalog.addSource(Path.of("/home/u/notes"));
    put(docs, "/home/u/docs/a.pdf", 1000, 1_700_000_000_000L, 5);
    put(docs, "/home/u/docs/b.PDF", 500, 1_700_100_000_000L, 2);
    put(notes, "/home/u/notes/c.md", 40, 1_600_000_000_000L, 1);
    catalog.putFailedFile(docs, "/home/u/docs/z.docx", 10, 1_800_000_000_000L, "encrypted: needs a password");
    catalog.putFailedFile(notes, "/home/u/notes/m.pdf", 10, 1_800_000_000_000L, "corrupt PDF");
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  void put(long source, String path, long size, long mtime, int chunks) {
    List<ChunkRecord> list = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      String text = "part " + i + " of " + path;
      list.add(new ChunkRecord(0, 0, i, i * 10, i * 10 + 14, 0, 4, text, null));
    }
    catalog.putIndexedFile(FileRecord.indexed(source, path, size, mtime, "h" + path, "text/plain",
        "", "", null, 0, "en"), list);
  }

  @Test
  void sourcesCountTheirIndexedAndFailedFilesChunksAndBytes() {
    List<SourceSummary> s = browser.sources();
    assertEquals(2, s.size());
    assertEquals(new SourceSummary(docs, Path.of("/home/u/docs"), s.get(0).addedAt(), 2, 1, 7, 1500), s.get(0));
    assertEquals(1, s.get(1).indexed());
    assertEquals(1, s.get(1).failed());
    assertEquals(1, s.get(1).chunks());
  }

  @Test
  void failuresAreSortedByPathAndKeepTheirReasons() {
    List<FileRecord> f = browser.failures();
    assertEquals(List.of("/home/u/docs/z.docx", "/home/u/notes/m.pdf"), f.stream().map(FileRecord::path).toList());
    assertEquals("encrypted: needs a password", f.get(0).error());
  }

  @Test
  void facetsCountIndexedTypesCaseInsensitivelyAndSpanTheirDates() {
    Facets f = browser.facets();
    assertEquals(Map.of("pdf", 2, "md", 1), f.fileTypes());
    assertEquals(1_600_000_000_000L, f.oldestModified());
    assertEquals(1_700_100_000_000L, f.newestModified());
  }

  @Test
  void contextGivesNeighboursOnEachSideClippedAtTheEnds() {
    ChunkContext mid = browser.context("/home/u/docs/a.pdf", 2, 1);
    assertEquals(2, mid.chunk().ordinal());
    assertEquals(List.of(1), mid.before().stream().map(ChunkRecord::ordinal).toList());
    assertEquals(List.of(3), mid.after().stream().map(ChunkRecord::ordinal).toList());
    assertEquals(5, mid.chunkCount());
    ChunkContext first = browser.context("/home/u/docs/a.pdf", 0, 2);
    assertTrue(first.before().isEmpty());
    assertEquals(List.of(1, 2), first.after().stream().map(ChunkRecord::ordinal).toList());
  }

  @Test
  void contextOfAFileOrChunkThatIsGoneSaysSo() {
    var e = assertThrows(NoSuchElementException.class, () -> browser.context("/home/u/docs/gone.pdf", 0, 1));
    assertTrue(e.getMessage().contains("gone.pdf"), e.getMessage());
    assertThrows(NoSuchElementException.class, () -> browser.context("/home/u/docs/z.docx", 0, 1),
        "a failed file has no chunks to show");
    var e2 = assertThrows(NoSuchElementException.class, () -> browser.context("/home/u/docs/b.PDF", 9, 1));
    assertTrue(e2.getMessage().contains("no chunk 9"), e2.getMessage());
  }

  @Test
  void emptyCatalogHasNoFacets() {
    try (Catalog empty = Catalog.open(dir.resolve("empty.db"))) {
      assertEquals(Facets.EMPTY, new WorkspaceBrowser(empty).facets());
    }
  }
}
