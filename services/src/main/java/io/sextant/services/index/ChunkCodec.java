package io.sextant.services.index;

import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The default codec with the vector format chosen by {@link IndexSettings}.
 *
 * <p>Only writing needs this class: segments record the name of the per-field vector format, so
 * readers resolve the stock {@code Lucene104} codec through SPI and still decode our vectors.
 */
final class ChunkCodec extends Lucene104Codec {

  private final KnnVectorsFormat vectorsFormat;

  /**
   * @param bulk whether the index is bulk loading: segments written meanwhile get no HNSW graph
   *     (see {@link BulkVectorsFormat})
   */
  ChunkCodec(IndexSettings settings, int numMergeWorkers, ExecutorService mergeExecutor, BooleanSupplier bulk) {
    this.vectorsFormat = new BulkVectorsFormat(
        vectorsFormat(settings, numMergeWorkers, mergeExecutor, DEFAULT_GRAPH_THRESHOLD),
        vectorsFormat(settings, numMergeWorkers, mergeExecutor, NO_GRAPH),
        bulk);
  }

  /** Lucene's own default: segments too small for a graph to pay off are searched exactly. */
  static final int DEFAULT_GRAPH_THRESHOLD = Lucene99HnswVectorsFormat.HNSW_GRAPH_THRESHOLD;

  /** A graph threshold no segment reaches (Lucene compares the size with log(size) x threshold). */
  static final int NO_GRAPH = Integer.MAX_VALUE;

  @Override
  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
    return vectorsFormat;
  }

  static KnnVectorsFormat vectorsFormat(
      IndexSettings settings, int numMergeWorkers, ExecutorService mergeExecutor, int graphThreshold) {
    if (numMergeWorkers < 1 || (numMergeWorkers > 1) != (mergeExecutor != null)) {
      throw new IllegalArgumentException(
          "need an executor exactly when numMergeWorkers > 1, got " + numMergeWorkers);
    }
    int m = settings.hnswM();
    int beam = settings.beamWidth();
    return switch (settings.encoding()) {
      case FLOAT32 -> new Lucene99HnswVectorsFormat(m, beam, numMergeWorkers, mergeExecutor, graphThreshold);
      case INT8 -> quantized(ScalarEncoding.UNSIGNED_BYTE, settings, numMergeWorkers, mergeExecutor, graphThreshold);
      case INT4 -> quantized(ScalarEncoding.PACKED_NIBBLE, settings, numMergeWorkers, mergeExecutor, graphThreshold);
      // 1-bit documents scored against 4-bit queries: the asymmetric form recovers much of the
      // recall plain binary codes lose, at the same index size.
      case BINARY ->
          quantized(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, settings, numMergeWorkers, mergeExecutor,
              graphThreshold);
    };
  }

  private static KnnVectorsFormat quantized(
      ScalarEncoding encoding, IndexSettings s, int workers, ExecutorService executor, int graphThreshold) {
    return new Lucene104HnswScalarQuantizedVectorsFormat(
        encoding, s.hnswM(), s.beamWidth(), workers, executor, graphThreshold);
  }
}
