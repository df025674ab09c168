package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.ChunkFields;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.index.SyntheticChunks;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HNSW retrieval path against Lucene's own search over the same searcher. */
class VectorRetrieverTest {

  @TempDir Path dir;

  @Test
  void approximateHitsAreLucenesKnnHitsInLucenesOrderOnSeveralSegmentsWithDeletesAndFilters()
      throws Exception {
    float[][] vectors = SyntheticChunks.clusteredVectors(5, 600, 24, 8, 0.15f);
    List<IndexedChunk> chunks = SyntheticChunks.chunks(5, vectors, 3);
    try (ChunkIndex index = ChunkIndex.open(dir, IndexSettings.DEFAULT)) {
      for (int i = 0; i < chunks.size(); i += 200) {
        index.addAll(chunks.subList(i, i + 200));
        index.commit();
      }
      index.deleteDoc(chunks.get(7).docKey());
      index.deleteDoc(chunks.get(450).docKey());
      index.commit();
      String field = ChunkFields.vectorField(SyntheticChunks.MODEL);
      Query pdfOnly = FilterQueries.toQuery(SearchFilters.NONE.withFileTypes(Set.of("pdf")));
      index.withSearcher(searcher -> {
        assertTrue(searcher.getIndexReader().leaves().size() > 1, "several segments");
        for (Query filter : new Query[] {null, pdfOnly}) {
          for (int q : new int[] {0, 7, 123, 451, 599}) {
            for (int k : new int[] {1, 10, 37}) {
              ScoreDoc[] expected =
                  searcher.search(new KnnFloatVectorQuery(field, vectors[q], k, filter), k).scoreDocs;
              ScoreDoc[] actual =
                  VectorRetriever.approximate(searcher, field, vectors[q], k, filter, false, 1);
              assertEquals(expected.length, actual.length);
              for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i].doc, actual[i].doc, "query " + q + ", k " + k + ", rank " + i);
                // Lucene scores DOT_PRODUCT as (1 + dot) / 2; the retriever gives the dot product
                assertEquals(2f * expected[i].score - 1f, actual[i].score, 1e-6f);
              }
            }
          }
        }
        return null;
      });
    }
  }
}
