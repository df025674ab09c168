package io.sextant.services.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.ingest.Chunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

  @TempDir Path tmp;
  private Path dbFile;
  private Catalog catalog;

  @BeforeEach
  void open() {
    dbFile = tmp.resolve("ws/catalog.db");
    catalog = Catalog.open(dbFile);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private static FileRecord indexed(long sourceId, String path) {
    return FileRecord.indexed(sourceId, path, 1234, 1_700_000_000_000L, Hashing.sha256Hex(path),
        "application/pdf", "Title of " + path, "Ann", Instant.parse("2020-01-02T03:04:05Z"), 3, "en");
  }

  private static List<ChunkRecord> chunks(String prefix, int n) {
    List<ChunkRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String text = prefix + " chunk " + i;
      out.add(ChunkRecord.of(new Chunk(i, text, i * 100, i * 100 + text.length(), i + 1, 3)));
    }
    return out;
  }

  @Test
  void filesAndChunksRoundTrip() {
    long source = catalog.addSource(tmp.resolve("docs"));
    long id = catalog.putIndexedFile(indexed(source, "/docs/a.pdf"), chunks("a", 3));

    FileRecord f = catalog.file("/docs/a.pdf").orElseThrow();
    assertEquals(id, f.id());
    assertEquals(source, f.sourceId());
    assertEquals(1234, f.size());
    assertEquals(1_700_000_000_000L, f.mtimeMs());
    assertEquals(Hashing.sha256Hex("/docs/a.pdf"), f.contentHash());
    assertEquals("application/pdf", f.contentType());
    assertEquals("Title of /docs/a.pdf", f.title());
    assertEquals("Ann", f.author());
    assertEquals(Instant.parse("2020-01-02T03:04:05Z"), f.created());
    assertEquals(3, f.pageCount());
    assertEquals("en", f.language());
    assertEquals(FileStatus.INDEXED, f.status());
    assertEquals("", f.error());
    assertTrue(f.indexedAt().isAfter(Instant.now().minusSeconds(60)));

    List<ChunkRecord> stored = catalog.chunks(id);
    assertEquals(3, stored.size());
    for (int i = 0; i < 3; i++) {
      ChunkRecord c = stored.get(i);
      assertEquals(id, c.fileId());
      assertEquals(i, c.ordinal());
      assertEquals("a chunk " + i, c.text());
      assertEquals(Hashing.sha256Hex(c.text()), c.textHash());
      assertEquals(i + 1, c.page());
      assertEquals(new Chunk(i, c.text(), i * 100, i * 100 + c.text().length(), i + 1, 3), c.toChunk());
    }
    assertEquals(List.of(f), catalog.files(source));
    assertEquals(3, catalog.chunkCount());
    assertEquals(Optional.empty(), catalog.file("/docs/none.pdf"));
  }

  @Test
  void addSourceIsIdempotent() {
    long a = catalog.addSource(tmp.resolve("docs"));
    long b = catalog.addSource(tmp.resolve("other/../docs"));
    assertEquals(a, b);
    assertEquals(1, catalog.sources().size());
    assertEquals(tmp.resolve("docs").toAbsolutePath(), catalog.sources().get(0).root());
  }

  @Test
  void reindexingReplacesChunksAndKeepsTheFileId() {
    long source = catalog.addSource(tmp);
    long first = catalog.putIndexedFile(indexed(source, "/a.txt"), chunks("old", 5));
    long second = catalog.putIndexedFile(indexed(source, "/a.txt"), chunks("new", 2));
    assertEquals(first, second);
    List<ChunkRecord> stored = catalog.chunks(first);
    assertEquals(List.of("new chunk 0", "new chunk 1"), stored.stream().map(ChunkRecord::text).toList());
    assertEquals(2, catalog.chunkCount());
  }

  @Test
  void failedFileIsStoredWithItsReasonAndLosesOldChunks() {
    long source = catalog.addSource(tmp);
    long id = catalog.putIndexedFile(indexed(source, "/b.docx"), chunks("b", 4));
    catalog.putFailedFile(source, "/b.docx", 99, 5L, "encrypted (password-protected)");
    FileRecord f = catalog.file("/b.docx").orElseThrow();
    assertEquals(id, f.id());
    assertEquals(FileStatus.FAILED, f.status());
    assertEquals("encrypted (password-protected)", f.error());
    assertEquals(99, f.size());
    assertEquals("", f.contentHash());
    assertNull(f.created());
    assertEquals(0, catalog.chunkCount());
    assertEquals(List.of(f), catalog.failedFiles());

    catalog.putIndexedFile(indexed(source, "/b.docx"), chunks("b", 1));
    assertTrue(catalog.failedFiles().isEmpty(), "a later success clears the failure");
    assertEquals("", catalog.file("/b.docx").orElseThrow().error());
  }

  @Test
  void touchChangesOnlyTheModificationTime() {
    long source = catalog.addSource(tmp);
    long id = catalog.putIndexedFile(indexed(source, "/c.md"), chunks("c", 2));
    catalog.touchFile(id, 42L);
    FileRecord f = catalog.file("/c.md").orElseThrow();
    assertEquals(42L, f.mtimeMs());
    assertEquals(2, catalog.chunks(id).size());
    CatalogException e = assertThrows(CatalogException.class, () -> catalog.touchFile(999, 1));
    assertTrue(e.getMessage().contains("no file with id 999"), e.getMessage());
  }

  @Test
  void deletesCascadeFromSourcesToFilesToChunks() {
    long s1 = catalog.addSource(tmp.resolve("one"));
    long s2 = catalog.addSource(tmp.resolve("two"));
    long a = catalog.putIndexedFile(indexed(s1, "/one/a"), chunks("a", 3));
    catalog.putIndexedFile(indexed(s1, "/one/b"), chunks("b", 3));
    catalog.putIndexedFile(indexed(s2, "/two/c"), chunks("c", 3));
    catalog.putFailedFile(s1, "/one/d", 1, 1, "no text found");

    catalog.deleteFile(a);
    assertTrue(catalog.file("/one/a").isEmpty());
    assertTrue(catalog.chunks(a).isEmpty());
    assertEquals(6, catalog.chunkCount());

    catalog.removeSource(s1);
    assertEquals(List.of(s2), catalog.sources().stream().map(SourceRecord::id).toList());
    assertTrue(catalog.files(s1).isEmpty());
    assertTrue(catalog.failedFiles().isEmpty());
    assertEquals(3, catalog.chunkCount());
  }

  @Test
  void aFileNeedsAnExistingSource() {
    CatalogException e = assertThrows(CatalogException.class,
        () -> catalog.putIndexedFile(indexed(77, "/x"), chunks("x", 1)));
    assertTrue(e.getMessage().startsWith("cannot store indexed file /x"), e.getMessage());
    assertTrue(catalog.file("/x").isEmpty(), "the transaction was rolled back");
  }

  @Test
  void forEachChunkStreamsIndexedFilesChunksWithTheirFile() {
    long source = catalog.addSource(tmp);
    catalog.putIndexedFile(indexed(source, "/1"), chunks("one", 2));
    catalog.putIndexedFile(indexed(source, "/2"), chunks("two", 3));
    catalog.putFailedFile(source, "/3", 1, 1, "empty file");
    List<String> seen = new ArrayList<>();
    catalog.forEachChunk(ic -> seen.add(ic.file().path() + ":" + ic.chunk().ordinal() + ":" + ic.chunk().text()));
    assertEquals(List.of("/1:0:one chunk 0", "/1:1:one chunk 1", "/2:0:two chunk 0",
        "/2:1:two chunk 1", "/2:2:two chunk 2"), seen);
  }

  @Test
  void embeddingCacheRoundTripIsBitExact() {
    Random random = new Random(1234);
    Map<String, float[]> vectors = new HashMap<>();
    for (int i = 0; i < 1_200; i++) { // more than one IN batch
      float[] v = new float[16];
      for (int d = 0; d < v.length; d++) {
        v[d] = Float.intBitsToFloat(random.nextInt());
      }
      vectors.put(Hashing.sha256Hex("text " + i), v);
    }
    vectors.put("special", new float[] {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE,
        Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc00001)});
    catalog.putEmbeddings("bge-small", "sha-1", vectors);

    List<String> wanted = new ArrayList<>(vectors.keySet());
    wanted.add("missing");
    Map<String, float[]> cached = catalog.cachedEmbeddings("bge-small", "sha-1", wanted);
    assertEquals(vectors.size(), cached.size());
    vectors.forEach((hash, v) -> {
      float[] got = cached.get(hash);
      assertEquals(v.length, got.length);
      for (int d = 0; d < v.length; d++) {
        assertEquals(Float.floatToRawIntBits(v[d]), Float.floatToRawIntBits(got[d]), hash);
      }
    });
    assertTrue(catalog.cachedEmbeddings("bge-small", "sha-2", wanted).isEmpty(), "model version matters");
    assertTrue(catalog.cachedEmbeddings("e5-small", "sha-1", wanted).isEmpty(), "model matters");
    assertEquals(vectors.size(), catalog.embeddingCount("bge-small"));
    assertEquals(0, catalog.embeddingCount("e5-small"));
  }

  @Test
  void vectorsAreLittleEndianFloat32() {
    assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, Catalog.encode(new float[] {1f}));
  }

  @Test
  void metaRoundTripAndOverwrite() {
    assertTrue(catalog.meta("chunker").isEmpty());
    catalog.putMeta("chunker", "chunker-v1:t256:o32");
    catalog.putMeta("chunker", "chunker-v1:t128:o16");
    assertEquals(Optional.of("chunker-v1:t128:o16"), catalog.meta("chunker"));
  }

  @Test
  void everythingPersistsAcrossReopening() {
    long source = catalog.addSource(tmp);
    long id = catalog.putIndexedFile(indexed(source, "/p"), chunks("p", 2));
    catalog.putEmbeddings("m", "s", Map.of("h", new float[] {1.5f, -2f}));
    catalog.putMeta("k", "v");
    catalog.close();

    catalog = Catalog.open(dbFile);
    assertEquals(1, catalog.sources().size());
    assertEquals(2, catalog.chunks(id).size());
    assertArrayEquals(new float[] {1.5f, -2f}, catalog.cachedEmbeddings("m", "s", List.of("h")).get("h"));
    assertEquals(Optional.of("v"), catalog.meta("k"));
  }

  @Test
  void schemaVersionAndWalModeAreSet() throws Exception {
    catalog.close();
    try (var conn = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
        Statement st = conn.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
        assertEquals(Catalog.SCHEMA_VERSION, rs.getInt(1));
      }
      try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        assertEquals("wal", rs.getString(1));
      }
    }
    catalog = Catalog.open(dbFile);
  }

  @Test
  void refusesACatalogFromANewerSextant() throws Exception {
    catalog.close();
    try (var conn = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
        Statement st = conn.createStatement()) {
      st.execute("PRAGMA user_version = " + (Catalog.SCHEMA_VERSION + 1));
    }
    CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(dbFile));
    assertTrue(e.getMessage().contains("newer Sextant"), e.getMessage());
    try (var conn = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
        Statement st = conn.createStatement()) {
      st.execute("PRAGMA user_version = " + Catalog.SCHEMA_VERSION);
    }
    catalog = Catalog.open(dbFile);
  }

  @Test
  void refusesAFileThatIsNotADatabase() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.db"), "this is not sqlite, just text ".repeat(100));
    CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(junk));
    assertTrue(e.getMessage().contains("junk.db"), e.getMessage());
  }

  @Test
  void aClosedCatalogSaysSo() {
    catalog.close();
    CatalogException e = assertThrows(CatalogException.class, () -> catalog.chunkCount());
    assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    catalog = Catalog.open(dbFile);
  }

  @Test
  void concurrentWritersAndReadersDoNotCorruptEachOther() throws Exception {
    long source = catalog.addSource(tmp);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 25; i++) {
          catalog.putIndexedFile(indexed(source, "/t" + thread + "/" + i), chunks("t" + thread, 4));
          catalog.chunkCount();
          catalog.putEmbeddings("m", "s", Map.of("t" + thread + "/" + i, new float[] {thread, i}));
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(8 * 25, catalog.files(source).size());
    assertEquals(8 * 25 * 4, catalog.chunkCount());
    assertEquals(8 * 25, catalog.embeddingCount("m"));
  }

  @Test
  void storesFiftyThousandChunksInOneGo() {
    long source = catalog.addSource(tmp);
    List<ChunkRecord> many = new ArrayList<>(50_000);
    String filler = "lorem ipsum dolor sit amet ".repeat(30);
    for (int i = 0; i < 50_000; i++) {
      String text = i + " " + filler;
      many.add(new ChunkRecord(0, 0, i, i * 1000, i * 1000 + text.length(), 0, 150, text, null));
    }
    long id = catalog.putIndexedFile(indexed(source, "/big.txt"), many);
    assertEquals(50_000, catalog.chunkCount());
    int[] streamed = {0};
    catalog.forEachChunk(ic -> streamed[0]++);
    assertEquals(50_000, streamed[0]);
    assertFalse(catalog.chunks(id).isEmpty());
  }

  @Test
  void hashesFilesByStreamingTheirBytes() throws Exception {
    Path f = Files.writeString(tmp.resolve("h.txt"), "abc");
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashing.sha256Hex(f));
    assertEquals(Hashing.sha256Hex("abc"), Hashing.sha256Hex(f));
  }
}
