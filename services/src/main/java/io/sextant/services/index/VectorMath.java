package io.sextant.services.index;

import org.apache.lucene.util.VectorUtil;

/**
 * The few vector operations Sextant needs outside Lucene's codecs. Delegates to {@link VectorUtil}
 * so the Panama (jdk.incubator.vector) implementations are used when the module is present.
 */
public final class VectorMath {

  /**
   * How far a squared norm may stray from 1 and still count as a unit vector. Embeddings
   * normalised in float32 by ONNX models land within ~1e-6; 1e-3 also admits vectors that went
   * through a half-precision round trip, while still catching un-normalised output (norms of
   * several units are typical).
   */
  public static final float UNIT_TOLERANCE = 1e-3f;

  private VectorMath() {}

  /** Dot product; equals cosine similarity for unit vectors. */
  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vector dimensions differ: " + a.length + " != " + b.length);
    }
    return VectorUtil.dotProduct(a, b);
  }

  /** Returns a unit-length copy of {@code v}; the argument is left untouched. */
  public static float[] normalise(float[] v) {
    checkFinite(v);
    if (VectorUtil.isZeroVector(v)) {
      throw new IllegalArgumentException("cannot normalise a zero vector");
    }
    return VectorUtil.l2normalize(v.clone());
  }

  /**
   * The first {@code dims} components of {@code v}, re-normalised to unit length: the
   * Matryoshka-style truncation that trades quality for a smaller index.
   *
   * @throws IllegalArgumentException if {@code dims} is not in 1..v.length or the prefix is zero
   */
  public static float[] truncate(float[] v, int dims) {
    if (dims < 1 || dims > v.length) {
      throw new IllegalArgumentException("cannot truncate " + v.length + " dimensions to " + dims);
    }
    return normalise(java.util.Arrays.copyOf(v, dims));
  }

  /** Whether {@code v} has unit length within {@link #UNIT_TOLERANCE}. */
  public static boolean isUnit(float[] v) {
    return Math.abs(VectorUtil.dotProduct(v, v) - 1f) <= UNIT_TOLERANCE;
  }

  /** Throws if {@code v} is empty or holds NaN or infinity, which would poison HNSW scores. */
  public static float[] checkFinite(float[] v) {
    if (v.length == 0) {
      throw new IllegalArgumentException("vector is empty");
    }
    // One cheap pass first: a sum of squares is finite whenever every component is (unless a
    // component beyond ~1.8e19 overflows it), and NaN or infinite as soon as one component is.
    // Lucene's element-by-element check, which says which component is bad, then runs only for
    // vectors that are bad or absurdly large. Every search checks its query vector this way; the
    // element loop alone cost about 1.5 % of a 384-d HNSW search. Not VectorUtil.dotProduct: it
    // asserts a finite result, so with assertions on a NaN would fail as an AssertionError.
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    for (int upper = v.length & ~3; i < upper; i += 4) {
      s0 += v[i] * v[i];
      s1 += v[i + 1] * v[i + 1];
      s2 += v[i + 2] * v[i + 2];
      s3 += v[i + 3] * v[i + 3];
    }
    for (; i < v.length; i++) {
      s0 += v[i] * v[i];
    }
    if (Float.isFinite(s0 + s1 + s2 + s3)) {
      return v;
    }
    return VectorUtil.checkFinite(v);
  }
}
