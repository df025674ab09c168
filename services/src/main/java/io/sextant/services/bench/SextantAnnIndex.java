package io.sextant.services.bench;

import io.sextant.services.eval.BeirDataset;
import io.sextant.services.index.ChunkIndex;
import io.sextant.services.index.IndexSettings;
import io.sextant.services.index.IndexedChunk;
import io.sextant.services.search.DocHit;
import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import io.sextant.services.search.SearchService;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sextant's side of the vector benchmarks: a real {@link ChunkIndex} (our codec, document layout,
 * writer settings) filled with one chunk per vector, searched through {@link SearchService} exactly
 * as the app does — request validation, searcher acquisition, candidate fusion, stored fields and
 * snippets of the returned hits included.
 */
public final class SextantAnnIndex implements Closeable {

  /** The model id the vectors are indexed under. */
  static final String MODEL = "bench";

  private final ChunkIndex index;
  private final SearchService search;

  private SextantAnnIndex(ChunkIndex index) {
    this.index = index;
    this.search = new SearchService(index, (model, query) -> {
      throw new IllegalStateException("the benchmark passes query vectors; no model runs");
    });
  }

  /**
   * Result of a build: seconds in all, how many segments the adds left before merging, and the
   * two phases apart (wall and process CPU seconds): the load (adds and the commit that flushes
   * them: documents, postings, stored fields, flat vectors, no graph) and the final merge (the
   * same again merged into one segment, plus the HNSW graph, which is nearly all of it).
   */
  public record Build(double seconds, int segmentsBeforeMerge, double loadSeconds, double loadCpuSeconds,
      double mergeSeconds, double mergeCpuSeconds) {}

  /**
   * Indexes {@code base} into a new index at {@code path} as a bulk load ({@link
   * ChunkIndex#beginBulk}): {@code threads} adding threads write segments without HNSW graphs,
   * then {@link ChunkIndex#finishBulk} merges them into one segment whose graph {@code threads}
   * merge workers build. One segment is what a bulk load or rebuild ends with, and what searches
   * fastest.
   */
  public static Build build(Path path, float[][] base, IndexSettings settings, int threads) throws Exception {
    return build(path, base, settings, threads, null);
  }

  /**
   * As {@link #build}, each chunk also carrying the title and text of its document in {@code docs}
   * (aligned with {@code base}; null: empty texts), so that building hits reads and returns what
   * a real index holds.
   */
  public static Build build(Path path, float[][] base, IndexSettings settings, int threads,
      List<BeirDataset.Doc> docs) throws Exception {
    if (docs != null && docs.size() != base.length) {
      throw new IllegalArgumentException(docs.size() + " documents for " + base.length + " vectors");
    }
    long t0 = System.nanoTime();
    double cpu0 = BuildSuite.processCpuSeconds();
    try (ChunkIndex index = ChunkIndex.open(path, settings, threads)) {
      index.beginBulk();
      if (threads == 1) {
        for (int i = 0; i < base.length; i++) {
          index.add(chunk(i, base[i], docs));
        }
      } else {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          List<Future<?>> jobs = new ArrayList<>();
          int per = (base.length + threads - 1) / threads;
          for (int t = 0; t < threads; t++) {
            int from = t * per;
            int to = Math.min(base.length, from + per);
            jobs.add(pool.submit(() -> {
              for (int i = from; i < to; i++) {
                index.add(chunk(i, base[i], docs));
              }
              return null;
            }));
          }
          for (Future<?> j : jobs) {
            j.get();
          }
        } finally {
          pool.shutdownNow();
        }
      }
      index.commit();
      long t1 = System.nanoTime();
      double cpu1 = BuildSuite.processCpuSeconds();
      int segments = index.withSearcher(s -> s.getIndexReader().leaves().size());
      index.finishBulk();
      long t2 = System.nanoTime();
      double cpu2 = BuildSuite.processCpuSeconds();
      int after = index.withSearcher(s -> s.getIndexReader().leaves().size());
      if (after != 1) {
        throw new IllegalStateException("bulk load left " + after + " segments, expected 1");
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new Build(seconds, segments, (t1 - t0) / 1e9, cpu1 - cpu0, (t2 - t1) / 1e9, cpu2 - cpu1);
    }
  }

  static IndexedChunk chunk(int row, float[] vector, List<BeirDataset.Doc> docs) {
    String id = Integer.toString(row);
    if (docs == null) {
      return new IndexedChunk(id, id, -1, "", "", "", "", "", 0, 0, 0, 0, 0, 0, Map.of(MODEL, vector));
    }
    BeirDataset.Doc d = docs.get(row);
    String text = d.mtebText();
    return new IndexedChunk(id, id, -1, "corpus/" + d.id() + ".txt", d.title(), "txt", "corpus", text, 0, 0,
        text.length(), 0, 0, text.length(), Map.of(MODEL, vector));
  }

  public static SextantAnnIndex open(Path path, IndexSettings settings) throws IOException {
    return new SextantAnnIndex(ChunkIndex.open(path, settings));
  }

  /**
   * Bytes the vector field keeps off-heap, by file kind as Lucene reports them: {@code vec} raw
   * float32 vectors, {@code veq} quantised vectors, {@code vex} the HNSW graph.
   */
  public java.util.Map<String, Long> offHeapBytes() throws IOException {
    return index.withSearcher(s -> {
      java.util.Map<String, Long> out = new java.util.TreeMap<>();
      String field = ChunkIndex.vectorField(MODEL);
      for (org.apache.lucene.index.LeafReaderContext leaf : s.getIndexReader().leaves()) {
        if (leaf.reader() instanceof org.apache.lucene.index.CodecReader cr) {
          org.apache.lucene.index.FieldInfo fi = cr.getFieldInfos().fieldInfo(field);
          if (fi != null) {
            cr.getVectorReader().getOffHeapByteSize(fi).forEach((k, v) -> out.merge(k, v, Long::sum));
          }
        }
      }
      return out;
    });
  }

  /** Segments of the last commit. */
  public int segments() throws IOException {
    return index.withSearcher(s -> s.getIndexReader().leaves().size());
  }

  /**
   * The 10 best rows for {@code query}: a semantic search with {@code candidates} HNSW candidates
   * (re-scored with float vectors after fetching {@code candidates * oversample} for quantised
   * encodings), one hit per chunk.
   */
  public int[] search(float[] query, int candidates, int oversample) throws IOException {
    return hitRows(hits(query, candidates, oversample));
  }

  /** As {@link #search}, the app's answer itself: {@link SearchService#search}'s hits. */
  public List<DocHit> hits(float[] query, int candidates, int oversample) throws IOException {
    return search.search(request(query, candidates, oversample)).hits();
  }

  /** The rows of {@link #hits}' answer (the benchmark's document keys are row numbers). */
  public static int[] hitRows(List<DocHit> hits) {
    int[] out = new int[hits.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Integer.parseInt(hits.get(i).chunks().get(0).chunkId());
    }
    return out;
  }

  /**
   * As {@link #search}, through {@link SearchService#rank}: the same ranking without building
   * the hits (stored fields, snippets), i.e. the retrieval path alone.
   */
  public int[] rank(float[] query, int candidates, int oversample) throws IOException {
    return rankRows(ranking(query, candidates, oversample));
  }

  /** As {@link #rank}, {@link SearchService#rank}'s answer itself. */
  public List<List<SearchService.RankedChunk>> ranking(float[] query, int candidates, int oversample)
      throws IOException {
    return search.rank(request(query, candidates, oversample));
  }

  /** The rows of {@link #ranking}'s answer. */
  public static int[] rankRows(List<List<SearchService.RankedChunk>> groups) {
    int[] out = new int[groups.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Integer.parseInt(groups.get(i).get(0).docKey());
    }
    return out;
  }

  /** {@link #ranking} as a timed engine whose rows are decoded after the clock. */
  public KnnPass.Raw<List<List<SearchService.RankedChunk>>> rankEngine(int candidates, int oversample) {
    return new KnnPass.Raw<>() {
      @Override
      public List<List<SearchService.RankedChunk>> search(float[] query) throws IOException {
        return ranking(query, candidates, oversample);
      }

      @Override
      public int[] rows(List<List<SearchService.RankedChunk>> result) {
        return rankRows(result);
      }
    };
  }

  /** {@link #hits} as a timed engine whose rows are decoded after the clock. */
  public KnnPass.Raw<List<DocHit>> hitsEngine(int candidates, int oversample) {
    return new KnnPass.Raw<>() {
      @Override
      public List<DocHit> search(float[] query) throws IOException {
        return hits(query, candidates, oversample);
      }

      @Override
      public int[] rows(List<DocHit> result) {
        return hitRows(result);
      }
    };
  }

  private static SearchRequest request(float[] query, int candidates, int oversample) {
    return SearchRequest.builder("", SearchMode.SEMANTIC)
        .modelId(MODEL)
        .k(VectorData.K)
        .candidates(candidates)
        .oversample(oversample)
        .queryVector(query)
        .groupByDoc(false)
        .build();
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
