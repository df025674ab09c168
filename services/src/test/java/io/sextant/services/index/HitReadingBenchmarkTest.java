package io.sextant.services.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.lucene.document.Document;
import org.junit.jupiter.api.Test;

/** The micro-benchmark's two sides read the same values, so its ratio compares like with like. */
class HitReadingBenchmarkTest {

  @Test
  void hitRecordsAndStoredFieldsGiveTheSamePages() throws Exception {
    HitReadingBenchmark bench = new HitReadingBenchmark();
    bench.chunks = 600;
    bench.words = 40;
    bench.setUp();
    try {
      for (int[] page : bench.pages()) {
        HitRecords.Hit[] hits = bench.records(page);
        Document[] docs = bench.stored(page);
        for (int i = 0; i < page.length; i++) {
          assertEquals(docs[i].get(ChunkFields.CHUNK_ID), hits[i].chunkId());
          assertEquals(docs[i].get(ChunkFields.PATH), hits[i].path());
          assertEquals(docs[i].get(ChunkFields.TITLE), hits[i].title());
          assertEquals(docs[i].get(ChunkFields.TEXT), hits[i].text());
          assertEquals(docs[i].getField(ChunkFields.ORDINAL).numericValue().intValue(), hits[i].ordinal());
          assertEquals(docs[i].getField(ChunkFields.END).numericValue().intValue(), hits[i].end());
        }
      }
    } finally {
      bench.tearDown();
    }
  }
}
