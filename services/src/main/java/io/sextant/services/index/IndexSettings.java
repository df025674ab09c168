package io.sextant.services.index;

import java.util.Objects;

/**
 * Settings that shape the vector index. They are part of the index fingerprint: changing them
 * rebuilds the index from the catalog's embedding cache, without running any model.
 *
 * @param hnswM maximum graph connections per node (Lucene's "maxConn")
 * @param beamWidth candidates considered while building the graph
 * @param encoding vector storage encoding
 */
public record IndexSettings(int hnswM, int beamWidth, VectorEncoding encoding) {

  public static final IndexSettings DEFAULT = new IndexSettings(16, 100, VectorEncoding.FLOAT32);

  public IndexSettings {
    if (hnswM < 2 || hnswM > 512) {
      throw new IllegalArgumentException("hnswM must be in 2..512, got " + hnswM);
    }
    if (beamWidth < 1 || beamWidth > 3200) {
      throw new IllegalArgumentException("beamWidth must be in 1..3200, got " + beamWidth);
    }
    Objects.requireNonNull(encoding, "encoding");
  }

  /** A short stable text that changes whenever the settings do. */
  public String fingerprint() {
    return "hnsw(m=" + hnswM + ",beam=" + beamWidth + ",enc=" + encoding.name().toLowerCase() + ")";
  }
}
