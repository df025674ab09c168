package io.sextant.services.explore;

import java.util.Locale;
import org.apache.lucene.util.VectorUtil;

/** How far apart two vectors are, for the neighbour graph of a UMAP. */
public enum Metric {
  /** 1 - cosine similarity: what the index ranks by. */
  COSINE,
  /** Straight-line distance. */
  EUCLIDEAN;

  /** Parses "cosine" or "euclidean" (any case). */
  public static Metric parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown metric '" + name + "': use cosine or euclidean", e);
    }
  }

  /** Squared norms (cosine divides by their roots, euclidean adds them). */
  static float[] squaredNorms(float[][] data) {
    float[] out = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = VectorUtil.dotProduct(data[i], data[i]);
    }
    return out;
  }

  /** Distance from precomputed squared norms; Lucene's dot product uses the Panama vector API. */
  float distance(float[] a, float[] b, float normA2, float normB2) {
    float dot = VectorUtil.dotProduct(a, b);
    return switch (this) {
      case COSINE -> {
        float denom = (float) Math.sqrt((double) normA2 * normB2);
        yield denom == 0 ? 1f : Math.max(0f, 1f - dot / denom);
      }
      case EUCLIDEAN -> (float) Math.sqrt(Math.max(0f, normA2 + normB2 - 2 * dot));
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
