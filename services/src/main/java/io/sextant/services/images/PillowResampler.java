package io.sextant.services.images;


/**
 * Bicubic resizing computed exactly as Pillow computes it (libImaging/Resample.c), so our CLIP
 * inputs equal those of the Python pipelines the models were evaluated with.
 *
 * <p>Pillow resamples separably (horizontal pass, then vertical), widens the kernel by the scale
 * when shrinking (antialiasing), normalises each output pixel's weights to sum 1, turns them into
 * 22-bit fixed point, and rounds the intermediate image to 8 bits. Each of those steps changes
 * pixel values by one or two levels if done differently, so each is reproduced here.
 */
public final class PillowResampler {
  private static final int PRECISION_BITS = 32 - 8 - 2;
  private static final double SUPPORT = 2.0;

  private PillowResampler() {}

  public static RgbImage resize(RgbImage in, int outW, int outH) {
    if (outW < 1 || outH < 1) {
      throw new IllegalArgumentException("target size must be positive, got " + outW + "x" + outH);
    }
    if (outW == in.width() && outH == in.height()) {
      return in;
    }
    Coeffs horiz = coeffs(in.width(), outW);
    Coeffs vert = coeffs(in.height(), outH);
    RgbImage img = in;
    if (outW != in.width()) {
      // Only the rows the vertical pass reads, as Pillow does (the values are the same either way).
      int first = vert.bounds[0];
      int last = vert.bounds[(outH - 1) * 2] + vert.bounds[(outH - 1) * 2 + 1];
      img = horizontal(in, first, last, horiz, outW);
      for (int i = 0; i < outH; i++) {
        vert.bounds[i * 2] -= first;
      }
    }
    if (outH != in.height()) {
      img = vertical(img, vert, outH);
    }
    return img;
  }

  private record Coeffs(int ksize, int[] bounds, int[] k) {}

  static double bicubic(double x) {
    final double a = -0.5;
    if (x < 0.0) {
      x = -x;
    }
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }

  private static Coeffs coeffs(int inSize, int outSize) {
    double scale = (double) inSize / outSize;
    double filterscale = Math.max(scale, 1.0);
    double support = SUPPORT * filterscale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] bounds = new int[outSize * 2];
    int[] kk = new int[outSize * ksize];
    double[] k = new double[ksize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ww = 0.0;
      double ss = 1.0 / filterscale;
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      for (int x = 0; x < xmax; x++) {
        double w = bicubic((x + xmin - center + 0.5) * ss);
        k[x] = w;
        ww += w;
      }
      for (int x = 0; x < ksize; x++) {
        double v = x < xmax ? (ww != 0.0 ? k[x] / ww : k[x]) : 0.0;
        kk[xx * ksize + x] = v < 0
            ? (int) (-0.5 + v * (1 << PRECISION_BITS))
            : (int) (0.5 + v * (1 << PRECISION_BITS));
      }
      bounds[xx * 2] = xmin;
      bounds[xx * 2 + 1] = xmax;
    }
    return new Coeffs(ksize, bounds, kk);
  }

  private static int clip8(int v) {
    int s = v >> PRECISION_BITS;
    return s < 0 ? 0 : Math.min(s, 255);
  }

  private static RgbImage horizontal(RgbImage in, int firstRow, int lastRow, Coeffs c, int outW) {
    int h = lastRow - firstRow;
    int[] src = in.pixels();
    int inW = in.width();
    int[] out = new int[outW * h];
    for (int y = 0; y < h; y++) {
      int row = (y + firstRow) * inW;
      for (int xx = 0; xx < outW; xx++) {
        int xmin = c.bounds[xx * 2];
        int xmax = c.bounds[xx * 2 + 1];
        int base = xx * c.ksize;
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        for (int x = 0; x < xmax; x++) {
          int p = src[row + x + xmin];
          int w = c.k[base + x];
          r += ((p >> 16) & 0xff) * w;
          g += ((p >> 8) & 0xff) * w;
          b += (p & 0xff) * w;
        }
        out[y * outW + xx] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
      }
    }
    return new RgbImage(outW, h, out);
  }

  private static RgbImage vertical(RgbImage in, Coeffs c, int outH) {
    int w = in.width();
    int[] src = in.pixels();
    int[] out = new int[w * outH];
    for (int yy = 0; yy < outH; yy++) {
      int ymin = c.bounds[yy * 2];
      int ymax = c.bounds[yy * 2 + 1];
      int base = yy * c.ksize;
      for (int xx = 0; xx < w; xx++) {
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        for (int y = 0; y < ymax; y++) {
          int p = src[(y + ymin) * w + xx];
          int wt = c.k[base + y];
          r += ((p >> 16) & 0xff) * wt;
          g += ((p >> 8) & 0xff) * wt;
          b += (p & 0xff) * wt;
        }
        out[yy * w + xx] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
      }
    }
    return new RgbImage(w, outH, out);
  }
}
