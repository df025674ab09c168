package io.sextant.services.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HitRecordsTest {

  @TempDir Path tmp;

  private static IndexedChunk chunk(String id, String path, String title, String text, int ordinal, int start,
      int end, int page) {
    return new IndexedChunk(id, "doc-" + id, -1, path, title, "txt", "", text, ordinal, start, end, page, 0, 0,
        Map.of());
  }

  @Test
  void aRecordGivesBackEveryFieldAResultShows() {
    IndexedChunk c = chunk("c1", "/tmp/ünï.txt", "Tïtle 😀", "text with ümlauts, 漢字 and 😀 " + "x".repeat(300),
        7, 130, 100_000, 3);
    HitRecords.Hit h = HitRecords.decode(HitRecords.encode(c));
    assertEquals(new HitRecords.Hit(c.chunkId(), c.path(), c.title(), c.text(), 3, 7, 130, 100_000), h);
  }

  @Test
  void hitsAreReadInTheOrderAskedWhateverTheDocOrder() throws Exception {
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      for (int i = 0; i < 5; i++) {
        index.add(chunk("c" + i, "/p" + i, "t" + i, "text " + i, i, 10 * i, 10 * i + 5, 0));
      }
      index.commit();
      HitRecords.Hit[] hits = index.withSearcher(s -> HitRecords.read(s.getIndexReader(), new int[] {3, 0, 4}));
      assertEquals("c3", hits[0].chunkId());
      assertEquals("text 0", hits[1].text());
      assertEquals("/p4", hits[2].path());
      assertEquals(40, hits[2].start());
    }
  }

  @Test
  void chunksOfSegmentsWithoutRecordsAreReadFromTheirStoredFields() throws Exception {
    // the layout of indexes written before hit records existed: everything stored, text included
    try (FSDirectory dir = FSDirectory.open(tmp); IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
      Document d = new Document();
      d.add(new StringField(ChunkFields.CHUNK_ID, "old", Field.Store.YES));
      d.add(new StoredField(ChunkFields.PATH, "/old.txt"));
      d.add(new StoredField(ChunkFields.TITLE, "Old"));
      d.add(new StoredField(ChunkFields.PAGE, 2));
      d.add(new StoredField(ChunkFields.ORDINAL, 1));
      d.add(new StoredField(ChunkFields.START, 5));
      d.add(new StoredField(ChunkFields.END, 9));
      d.add(new TextField(ChunkFields.TEXT, "old text", Field.Store.YES));
      w.addDocument(d);
      w.commit();
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        assertEquals(new HitRecords.Hit("old", "/old.txt", "Old", "old text", 2, 1, 5, 9),
            HitRecords.read(r, new int[] {0})[0]);
      }
    }
  }
}
