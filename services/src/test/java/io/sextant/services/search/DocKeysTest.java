package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sextant.services.index.ChunkFields;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.index.SyntheticChunks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocKeysTest {

  @TempDir Path dir;

  @Test
  void keysComeOutAsStoredTwiceOverAndTheCacheLeavesWithItsSegments() throws Exception {
    float[][] vectors = SyntheticChunks.clusteredVectors(3, 90, 8, 3, 0.2f);
    List<IndexedChunk> chunks = SyntheticChunks.chunks(3, vectors, 4);
    DocKeys keys = new DocKeys();
    try (ChunkIndex index = ChunkIndex.open(dir, IndexSettings.DEFAULT)) {
      index.addAll(chunks.subList(0, 50));
      index.commit();
      index.addAll(chunks.subList(50, 90));
      index.commit();
      index.withSearcher(searcher -> {
        StoredFields stored = searcher.storedFields();
        int maxDoc = searcher.getIndexReader().maxDoc();
        for (int round = 0; round < 2; round++) { // first fills the cache, second reads it
          List<Candidate> candidates = new ArrayList<>();
          for (int doc = maxDoc - 1; doc >= 0; doc -= 3) { // not in doc order
            candidates.add(new Candidate(doc));
          }
          keys.load(searcher, candidates);
          for (Candidate c : candidates) {
            assertEquals(stored.document(c.doc, Set.of(ChunkFields.DOC_KEY)).get(ChunkFields.DOC_KEY), c.docKey);
          }
        }
        assertEquals(searcher.getIndexReader().leaves().size(), keys.cachedSegments());
        return null;
      });
    }
    assertEquals(0, keys.cachedSegments(), "closing the index closes its segments");
  }

  @Test
  void chunksOfOneDocumentShareOneKeyString() throws Exception {
    float[][] vectors = SyntheticChunks.clusteredVectors(5, 40, 8, 2, 0.2f);
    DocKeys keys = new DocKeys();
    try (ChunkIndex index = ChunkIndex.open(dir, IndexSettings.DEFAULT)) {
      index.addAll(SyntheticChunks.chunks(5, vectors, 4));
      index.commit();
      index.withSearcher(searcher -> {
        int maxDoc = searcher.getIndexReader().maxDoc();
        Map<String, String> first = new HashMap<>();
        for (int doc = 0; doc < maxDoc; doc++) { // one search per chunk: each a cache miss
          Candidate c = new Candidate(doc);
          keys.load(searcher, List.of(c));
          assertSame(first.computeIfAbsent(c.docKey, k -> c.docKey), c.docKey);
        }
        assertEquals(10, first.size());
        return null;
      });
    }
  }
}
