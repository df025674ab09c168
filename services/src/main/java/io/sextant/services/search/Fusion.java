package io.sextant.services.search;

/** How hybrid search merges the keyword and vector candidate lists into one ranking. */
public sealed interface Fusion permits Fusion.Rrf, Fusion.Convex {

  /** Reciprocal-rank fusion with the customary k = 60. */
  static Fusion rrf() {
    return Rrf.DEFAULT;
  }

  /**
   * Reciprocal-rank fusion: score = Σ 1 / (k + rank) over the lists that contain the chunk, ranks
   * counted from 1. Uses ranks only, so it needs no score calibration between BM25 and cosine.
   *
   * @param k damping constant; larger values flatten the advantage of the very top ranks
   */
  record Rrf(int k) implements Fusion {
    public static final Rrf DEFAULT = new Rrf(60);

    public Rrf {
      if (k < 0) {
        throw new IllegalArgumentException("RRF k must be >= 0, got " + k);
      }
    }
  }

  /**
   * Convex combination: score = alpha · minmax(vector) + (1 − alpha) · minmax(bm25), each score
   * min-max normalised within its own candidate list and a missing component counting 0. When all
   * scores of a list are equal they all normalise to 1.
   *
   * @param alpha weight of the vector side, in [0, 1]
   */
  record Convex(double alpha) implements Fusion {
    public Convex {
      if (!(alpha >= 0 && alpha <= 1)) {
        throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
      }
    }
  }
}
