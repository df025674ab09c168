package io.sextant.views.explore;

/** Categorical colours for clusters, file types and folders, readable on light and dark. */
public final class Palette {

  /** Tableau 10 plus two, opaque ARGB; categories beyond these repeat (and say so in the legend). */
  private static final int[] CATEGORICAL = {
    0xFF4E79A7, 0xFFF28E2B, 0xFFE15759, 0xFF76B7B2, 0xFF59A14F, 0xFFEDC948,
    0xFFB07AA1, 0xFFFF9DA7, 0xFF9C755F, 0xFFBAB0AC, 0xFF1F77B4, 0xFF17BECF,
  };

  /** Noise (HDBSCAN's unclustered points) and "other": grey. */
  public static final int NOISE = 0xFF8C8C8C;

  private Palette() {}

  /** {@code n} colours; the last one is grey when {@code withNoise}. */
  public static int[] categorical(int n, boolean withNoise) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one colour");
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = CATEGORICAL[i % CATEGORICAL.length];
    }
    if (withNoise) {
      out[n - 1] = NOISE;
    }
    return out;
  }

  /** A colour as the CSS hex JavaFX understands, for legends. */
  public static String css(int argb) {
    return String.format("#%06x", argb & 0xFFFFFF);
  }
}
