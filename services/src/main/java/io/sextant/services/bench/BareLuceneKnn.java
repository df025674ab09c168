package io.sextant.services.bench;

import io.sextant.services.index.VectorEncoding;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The bare Lucene peer: what {@code ../shared/peers/lucene/LuceneKnnBench.java} does, in this
 * JVM so it can be interleaved with Sextant. Documents hold one vector field and nothing else,
 * DOT_PRODUCT, written in one flush (4 GB buffer, no merges) into one segment; searched with a
 * plain {@link IndexSearcher} and {@link KnnFloatVectorQuery}; doc id = row of the input.
 */
public final class BareLuceneKnn implements Closeable {

  private static final String FIELD = "v";

  private final FSDirectory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final float[][] base;

  private BareLuceneKnn(FSDirectory dir, float[][] base) throws IOException {
    this.dir = dir;
    this.reader = DirectoryReader.open(dir);
    if (reader.leaves().size() != 1) {
      throw new IllegalStateException("bare Lucene index has " + reader.leaves().size() + " segments, expected 1");
    }
    this.searcher = new IndexSearcher(reader);
    this.base = base;
  }

  /** Builds the index in {@code path} (single thread) and returns the build time in seconds. */
  public static double build(Path path, float[][] base, VectorEncoding encoding, int m, int beam) throws IOException {
    KnnVectorsFormat format = switch (encoding) {
      case FLOAT32 -> new Lucene99HnswVectorsFormat(m, beam);
      case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, m, beam);
      case INT4 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, m, beam);
      case BINARY -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, m, beam);
    };
    IndexWriterConfig iwc = new IndexWriterConfig()
        .setCodec(new Lucene104Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String f) {
            return format;
          }
        })
        .setRAMBufferSizeMB(4096)
        .setMergePolicy(NoMergePolicy.INSTANCE)
        .setUseCompoundFile(false);
    long t0 = System.nanoTime();
    try (FSDirectory d = FSDirectory.open(path); IndexWriter w = new IndexWriter(d, iwc)) {
      for (float[] v : base) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(FIELD, v, VectorSimilarityFunction.DOT_PRODUCT));
        w.addDocument(doc);
      }
      w.commit();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Writes {@code base} as vector-only documents (float32, DOT_PRODUCT) into two flushed segments
   * without an HNSW graph, for {@link #mergeGraph}.
   */
  public static void writeGraphless(Path path, float[][] base, int m, int beam) throws IOException {
    try (FSDirectory d = FSDirectory.open(path);
        IndexWriter w = new IndexWriter(d, vectorOnly(new Lucene99HnswVectorsFormat(m, beam, 1, null, Integer.MAX_VALUE))
            .setMergePolicy(NoMergePolicy.INSTANCE))) {
      for (int i = 0; i < base.length; i++) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(FIELD, base[i], VectorSimilarityFunction.DOT_PRODUCT));
        w.addDocument(doc);
        if (i == base.length / 2) {
          w.flush(); // two segments: forceMerge(1) has something to merge
        }
      }
      w.commit();
    }
  }

  /**
   * Lucene's graph build alone, as its merge does it: {@code forceMerge(1)} of what {@link
   * #writeGraphless} wrote, which copies the vectors and builds one HNSW graph over them with
   * {@code workers} threads (Lucene's concurrent merge builder when more than one). The same merge
   * Sextant's bulk load ends with, minus our other fields.
   *
   * @return seconds of the merge
   */
  public static double mergeGraph(Path path, int m, int beam, int workers) throws IOException {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers) : null;
    try {
      long t0 = System.nanoTime();
      try (FSDirectory d = FSDirectory.open(path);
          IndexWriter w = new IndexWriter(d, vectorOnly(new Lucene99HnswVectorsFormat(m, beam, workers, pool))
              .setMergePolicy(new TieredMergePolicy()))) {
        w.forceMerge(1);
        w.commit();
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private static IndexWriterConfig vectorOnly(KnnVectorsFormat format) {
    return new IndexWriterConfig()
        .setCodec(new Lucene104Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String f) {
            return format;
          }
        })
        .setRAMBufferSizeMB(4096)
        .setUseCompoundFile(false);
  }

  /** Opens an index {@link #build} wrote; {@code base} serves exact float re-scoring. */
  public static BareLuceneKnn open(Path path, float[][] base) throws IOException {
    return new BareLuceneKnn(FSDirectory.open(path), base);
  }

  /** Top 10 of the HNSW search with {@code fanout} candidates (as the harness: k = fanout, n = 10). */
  public int[] search(float[] query, int fanout) throws IOException {
    return rows(topDocs(query, fanout));
  }

  /** As {@link #search}, Lucene's answer itself. */
  public ScoreDoc[] topDocs(float[] query, int fanout) throws IOException {
    return searcher.search(new KnnFloatVectorQuery(FIELD, query, fanout), VectorData.K).scoreDocs;
  }

  /** {@link #topDocs} as a timed engine whose rows (= doc ids) are read after the clock. */
  public KnnPass.Raw<ScoreDoc[]> engine(int fanout) {
    return new KnnPass.Raw<>() {
      @Override
      public ScoreDoc[] search(float[] query) throws IOException {
        return topDocs(query, fanout);
      }

      @Override
      public int[] rows(ScoreDoc[] result) {
        return BareLuceneKnn.rows(result);
      }
    };
  }

  static int[] rows(ScoreDoc[] sd) {
    int[] out = new int[sd.length];
    for (int i = 0; i < sd.length; i++) {
      out[i] = sd[i].doc;
    }
    return out;
  }

  /**
   * The harness's oversample column: {@code fanout} approximate hits re-ranked by exact float dot
   * product (from the input rows, as the harness does), best 10 kept.
   */
  public int[] searchRescored(float[] query, int fanout) throws IOException {
    ScoreDoc[] sd = searcher.search(new KnnFloatVectorQuery(FIELD, query, fanout), fanout).scoreDocs;
    float[] exact = new float[sd.length];
    Integer[] order = new Integer[sd.length];
    for (int j = 0; j < sd.length; j++) {
      exact[j] = VectorUtil.dotProduct(query, base[sd[j].doc]);
      order[j] = j;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer j) -> exact[j]).reversed());
    int[] out = new int[Math.min(VectorData.K, sd.length)];
    for (int j = 0; j < out.length; j++) {
      out[j] = sd[order[j]].doc;
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
  }
}
