package io.sextant.services.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.index.SyntheticChunks;
import io.sextant.services.index.VectorEncoding;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HNSW quality on clustered synthetic embeddings, measured against exact search through the same
 * service. Figures are printed so regressions in recall are visible even while tests pass.
 */
class VectorEncodingRecallTest {

  private static final int DIM = 64;

  @TempDir Path tmp;

  private static float[][] dataAndQueries(int n, int queries) {
    // One call so queries share the corpus' centroids: they look like real queries, near data.
    return SyntheticChunks.clusteredVectors(42, n + queries, DIM, 40, 0.1f);
  }

  private static SearchRequest.Builder semantic(float[] q) {
    return SearchRequest.builder("", SearchMode.SEMANTIC).modelId(SyntheticChunks.MODEL)
        .queryVector(q).groupByDoc(false);
  }

  private static List<String> ids(SearchResponse r) {
    return r.hits().stream().map(d -> d.best().chunkId()).toList();
  }

  private static double recallAt10(SearchService s, float[][] queries, int candidates, int oversample)
      throws Exception {
    int found = 0;
    for (float[] q : queries) {
      Set<String> truth = new HashSet<>(ids(s.search(semantic(q).k(10).exact(true).build())));
      List<String> got = ids(s.search(
          semantic(q).k(10).candidates(candidates).oversample(oversample).build()));
      found += (int) got.stream().filter(truth::contains).count();
    }
    return found / (10.0 * queries.length);
  }

  @Test
  void hnswRecallAt10IsAtLeast95PercentOfExactAtDefaultSettings() throws Exception {
    int n = 5_000;
    float[][] all = dataAndQueries(n, 200);
    float[][] queries = Arrays.copyOfRange(all, n, all.length);
    List<IndexedChunk> chunks = SyntheticChunks.chunks(42, Arrays.copyOf(all, n), 4);
    try (ChunkIndex index = ChunkIndex.open(tmp, IndexSettings.DEFAULT)) {
      index.addAll(chunks);
      index.commit();
      SearchService s = new SearchService(index, QueryEmbedder.none());
      double defaultCandidates = recallAt10(s, queries, SearchRequest.defaultCandidates(10), 1);
      double tight = recallAt10(s, queries, 10, 1);
      System.out.printf(Locale.ROOT,
          "[recall] float32 M=16 beam=100 n=%d dim=%d: recall@10 %.4f (candidates=100), %.4f (candidates=10)%n",
          n, DIM, defaultCandidates, tight);
      assertTrue(defaultCandidates >= 0.95, "recall@10 " + defaultCandidates);
    }
  }

  @ParameterizedTest
  @EnumSource(VectorEncoding.class)
  void everyEncodingReturnsAChunkAmongItsOwnTop10(VectorEncoding encoding) throws Exception {
    int n = 2_000;
    float[][] all = dataAndQueries(n, 100);
    float[][] queries = Arrays.copyOfRange(all, n, all.length);
    float[][] vectors = Arrays.copyOf(all, n);
    List<IndexedChunk> chunks = SyntheticChunks.chunks(42, vectors, 4);
    int oversample = encoding == VectorEncoding.BINARY ? 5 : 2;
    try (ChunkIndex index = ChunkIndex.open(tmp, new IndexSettings(16, 100, encoding))) {
      index.addAll(chunks);
      index.commit();
      assertEquals(encoding, ChunkIndex.storedSettings(tmp).orElseThrow().encoding());
      SearchService s = new SearchService(index, QueryEmbedder.none());
      int self = 0;
      int sampled = 0;
      for (int i = 0; i < n; i += 10) {
        SearchResponse r = s.search(semantic(vectors[i]).k(10).candidates(10)
            .oversample(oversample).build());
        List<String> top = ids(r);
        self += top.contains(chunks.get(i).chunkId()) ? 1 : 0;
        // Scores are exact cosines even when the graph holds quantised codes (float rescoring).
        if (!r.hits().isEmpty() && top.get(0).equals(chunks.get(i).chunkId())) {
          assertEquals(1.0, r.hits().get(0).score(), 1e-5, encoding + " self score");
        }
        sampled++;
      }
      double selfRate = self / (double) sampled;
      double recall = recallAt10(s, queries, 10, oversample);
      double recallNoOversample = recallAt10(s, queries, 10, 1);
      System.out.printf(Locale.ROOT,
          "[recall] %-7s n=%d dim=%d candidates=10: self-in-top10 %.3f, recall@10 %.4f "
              + "(oversample %d, float rescore), %.4f (oversample 1)%n",
          encoding, n, DIM, selfRate, recall, oversample, recallNoOversample);
      assertTrue(selfRate >= 0.9, encoding + " self-in-top10 " + selfRate);
      assertTrue(recall >= 0.8, encoding + " recall@10 " + recall);
      // Exact search reads the raw float vectors every format keeps, whatever the encoding.
      SearchResponse exact = s.search(semantic(vectors[5]).k(1).exact(true).build());
      assertEquals(chunks.get(5).chunkId(), exact.hits().get(0).best().chunkId());
      assertEquals(1.0, exact.hits().get(0).score(), 1e-5);
    }
  }
}
