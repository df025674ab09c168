package io.sextant.services.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkIndexTest {

  @TempDir Path tmp;

  private static IndexedChunk chunk(int id, int doc, String text) {
    return SyntheticChunks.chunk(id, doc, id, text, Map.of());
  }

  private static IndexedChunk chunkWithVector(int id, int doc, String model) {
    return SyntheticChunks.chunk(id, doc, id, "text " + id, Map.of(model, new float[] {0.6f, 0.8f}));
  }

  @Test
  void createsAMissingIndexAndRecordsItsSettingsInTheFirstCommit() throws Exception {
    Path dir = tmp.resolve("new/index");
    IndexSettings settings = new IndexSettings(24, 150, VectorEncoding.INT8);
    try (ChunkIndex index = ChunkIndex.open(dir, settings)) {
      assertEquals(0, index.numChunks());
      assertEquals(settings, index.settings());
      assertEquals(Optional.of(settings), ChunkIndex.storedSettings(dir));
      assertEquals(Set.of(), ChunkIndex.storedVectorModels(dir));
    }
  }

  @Test
  void recordsTheVectorModelsPresentAtEachCommit() throws Exception {
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      index.add(chunkWithVector(1, 1, "model-a"));
      index.add(chunkWithVector(2, 1, "model-b"));
      index.commit();
      assertEquals(Set.of("model-a", "model-b"), index.vectorModels());
      assertEquals(Set.of("model-a", "model-b"), ChunkIndex.storedVectorModels(tmp));
    }
  }

  @Test
  void reopeningReportsTheSettingsTheIndexWasBuiltWith() throws Exception {
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      index.add(chunk(1, 1, "hello"));
      index.commit();
    }
    IndexSettings wanted = new IndexSettings(32, 200, VectorEncoding.BINARY);
    Optional<IndexSettings> stored = ChunkIndex.storedSettings(tmp);
    assertEquals(Optional.of(IndexSettings.DEFAULT), stored);
    assertFalse(stored.get().equals(wanted), "the caller can see a rebuild is needed");
    // The caller rebuilds: after deleteAll + re-add + commit the new settings are recorded.
    try (ChunkIndex index = ChunkIndex.open(tmp, wanted)) {
      assertEquals(1, index.numChunks());
      index.deleteAll();
      index.add(chunk(1, 1, "hello"));
      index.commit();
    }
    assertEquals(Optional.of(wanted), ChunkIndex.storedSettings(tmp));
  }

  @Test
  void reportsNoStoredSettingsForAMissingDirOrAForeignIndex() throws Exception {
    assertEquals(Optional.empty(), ChunkIndex.storedSettings(tmp.resolve("absent")));
    Files.createDirectories(tmp.resolve("empty"));
    assertEquals(Optional.empty(), ChunkIndex.storedSettings(tmp.resolve("empty")));
    try (var d = FSDirectory.open(tmp.resolve("foreign"));
        var w = new IndexWriter(d, new IndexWriterConfig())) {
      w.addDocument(new Document());
      w.commit();
    }
    assertEquals(Optional.empty(), ChunkIndex.storedSettings(tmp.resolve("foreign")));
  }

  @Test
  void changesBecomeVisibleOnlyAtCommit() throws Exception {
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      index.addAll(List.of(chunk(1, 1, "a"), chunk(2, 1, "b")));
      assertEquals(0, index.numChunks());
      index.commit();
      assertEquals(2, index.numChunks());
      index.deleteDoc(SyntheticChunks.chunk(1, 1, 1, "a", Map.of()).docKey());
      assertEquals(2, index.numChunks());
      index.commit();
      assertEquals(0, index.numChunks());
    }
  }

  @Test
  void addingAChunkIdAgainReplacesIt() throws Exception {
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      index.add(chunk(1, 1, "old words"));
      index.commit();
      index.add(chunk(1, 1, "new words"));
      index.commit();
      assertEquals(1, index.numChunks());
      String text = index.withSearcher(s -> HitRecords.read(s.getIndexReader(),
          new int[] {s.search(new TermQuery(new Term(ChunkFields.CHUNK_ID, "c1")), 1).scoreDocs[0].doc})[0]
          .text());
      assertEquals("new words", text);
    }
  }

  @Test
  void deleteDocRemovesEveryChunkOfThatDocumentOnly() throws Exception {
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      index.addAll(List.of(chunk(1, 1, "a"), chunk(2, 1, "b"), chunk(3, 2, "c")));
      index.commit();
      index.deleteDoc(chunk(1, 1, "a").docKey());
      index.commit();
      assertEquals(1, index.numChunks());
      index.deleteAll();
      index.commit();
      assertEquals(0, index.numChunks());
    }
  }

  @Test
  void closeCommitsPendingChanges() throws Exception {
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      index.add(chunkWithVector(1, 1, "m"));
    }
    assertEquals(Set.of("m"), ChunkIndex.storedVectorModels(tmp));
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      assertEquals(1, index.numChunks());
    }
  }

  @Test
  void indexesEveryAncestorFolderAsAFilterTerm() throws Exception {
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      index.add(chunk(1, 1, "deep file")); // doc 1 lives in /corpus/alpha/deep
      index.commit();
      for (String folder : List.of("/corpus/alpha/deep", "/corpus/alpha", "/corpus", "/")) {
        int hits = index.withSearcher(
            s -> s.count(new TermQuery(new Term(ChunkFields.FOLDER_PATH, folder))));
        assertEquals(1, hits, folder);
      }
      assertEquals(0, (int) index.withSearcher(
          s -> s.count(new TermQuery(new Term(ChunkFields.FOLDER_PATH, "/corpus/beta")))));
    }
  }

  @Test
  void searchersUseTheTunedBm25() throws Exception {
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      var sim = (BM25Similarity) index.withSearcher(s -> s.getSimilarity());
      assertEquals(0.9f, sim.getK1());
      assertEquals(0.4f, sim.getB());
    }
  }

  @Test
  void forceMergesWithParallelHnswMergeWorkers() throws Exception {
    float[][] vectors = SyntheticChunks.clusteredVectors(7, 600, 16, 8, 0.3f);
    List<IndexedChunk> chunks = SyntheticChunks.chunks(7, vectors, 3);
    for (VectorEncoding encoding : VectorEncoding.values()) {
      Path dir = tmp.resolve(encoding.name());
      try (ChunkIndex index = ChunkIndex.open(dir, new IndexSettings(16, 100, encoding), 4)) {
        for (int i = 0; i < chunks.size(); i += 200) {
          index.addAll(chunks.subList(i, i + 200));
          index.commit(); // one segment per batch, so there is something to merge
        }
        index.forceMerge(1);
        assertEquals(600, index.numChunks());
        assertEquals(1, (int) index.withSearcher(s -> s.getIndexReader().leaves().size()));
      }
    }
  }

  @Test
  void aBulkLoadWritesSegmentsWithoutGraphsThenOneSegmentWithItsGraph() throws Exception {
    float[][] vectors = SyntheticChunks.clusteredVectors(9, 1200, 16, 8, 0.3f);
    List<IndexedChunk> chunks = SyntheticChunks.chunks(9, vectors, 3);
    String field = ChunkFields.vectorField(SyntheticChunks.MODEL);
    for (VectorEncoding encoding : VectorEncoding.values()) {
      for (int commits : new int[] {1, 3}) { // one flushed segment must be rewritten too
        Path dir = tmp.resolve(encoding.name() + "-" + commits);
        try (ChunkIndex index = ChunkIndex.open(dir, new IndexSettings(16, 100, encoding), commits == 1 ? 1 : 2)) {
          index.beginBulk();
          assertTrue(index.isBulkLoading());
          int per = chunks.size() / commits;
          for (int i = 0; i < chunks.size(); i += per) {
            index.addAll(chunks.subList(i, i + per));
            index.commit();
          }
          index.withSearcher(s -> {
            assertEquals(commits, s.getIndexReader().leaves().size(), "no merges while loading");
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
              assertEquals(0, graphSize(leaf.reader(), field), encoding + ": no graph while loading");
            }
            return null;
          });
          index.finishBulk();
          assertFalse(index.isBulkLoading());
          assertEquals(1200, index.numChunks());
          index.withSearcher(s -> {
            assertEquals(1, s.getIndexReader().leaves().size());
            assertEquals(1200, graphSize(s.getIndexReader().leaves().get(0).reader(), field), encoding.name());
            ScoreDoc[] top = s.search(new KnnFloatVectorQuery(field, vectors[17], 10), 1).scoreDocs;
            assertEquals("c17", s.storedFields().document(top[0].doc).get(ChunkFields.CHUNK_ID));
            return null;
          });
          index.finishBulk(); // no bulk load under way: just a commit
          assertEquals(1, (int) index.withSearcher(s -> s.getIndexReader().leaves().size()));
        }
      }
    }
  }

  @Test
  void aCancelledBulkLoadGivesLaterSegmentsTheirGraphsAgain() throws Exception {
    float[][] vectors = SyntheticChunks.clusteredVectors(4, 1400, 16, 8, 0.3f);
    List<IndexedChunk> chunks = SyntheticChunks.chunks(4, vectors, 2);
    String field = ChunkFields.vectorField(SyntheticChunks.MODEL);
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      index.beginBulk();
      index.addAll(chunks.subList(0, 700));
      index.commit();
      index.cancelBulk();
      assertFalse(index.isBulkLoading());
      index.addAll(chunks.subList(700, 1400));
      index.commit();
      index.withSearcher(s -> {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        assertEquals(2, leaves.size());
        assertEquals(0, graphSize(leaves.get(0).reader(), field), "written while loading");
        assertEquals(700, graphSize(leaves.get(1).reader(), field), "written after the cancel");
        return null;
      });
    }
  }

  private static int graphSize(LeafReader reader, String field) throws java.io.IOException {
    KnnVectorsReader vectors = ((CodecReader) reader).getVectorReader();
    if (vectors instanceof PerFieldKnnVectorsFormat.FieldsReader perField) {
      vectors = perField.getFieldReader(field);
    }
    return vectors instanceof HnswGraphProvider graphs ? graphs.getGraph(field).size() : 0;
  }

  @Test
  void rejectsBadArguments() throws Exception {
    assertThrows(IllegalArgumentException.class,
        () -> ChunkIndex.open(tmp, IndexSettings.DEFAULT, 0));
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      assertThrows(IllegalArgumentException.class, () -> index.forceMerge(0));
      assertThrows(NullPointerException.class, () -> index.add(null));
      assertTrue(index.vectorModels().isEmpty());
    }
  }
}
