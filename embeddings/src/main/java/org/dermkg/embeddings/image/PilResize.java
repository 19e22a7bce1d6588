package org.dermkg.embeddings.image;

/**
 * Resizing of 8-bit RGB images with the arithmetic of Pillow's {@code Image.resize} (its
 * "ImagingResample" with a convolution filter, no reducing gap): separable passes, horizontal then
 * vertical, with the filter support widened by the scale when shrinking (antialiasing),
 * coefficients normalised and turned into 22-bit fixed point, each pass rounded and clamped to 8
 * bits. Same input, same bytes as Pillow.
 */
final class PilResize {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  /** A convolution filter: its support and its kernel. */
  enum Filter {
    BICUBIC(2.0) {
      @Override
      double weight(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
          return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
          return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
      }
    },
    BILINEAR(1.0) {
      @Override
      double weight(double x) {
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
      }
    };

    final double support;

    Filter(double support) {
      this.support = support;
    }

    abstract double weight(double x);
  }

  /** Fixed-point coefficients of one pass: for each output index its first input and weights. */
  private record Coeffs(int ksize, int[] bounds, int[] kk) {}

  private PilResize() {}

  /**
   * Resizes interleaved RGB bytes ({@code w*h*3}) to {@code outW x outH}.
   *
   * @return interleaved RGB bytes of the new size
   */
  static byte[] resize(byte[] rgb, int w, int h, int outW, int outH, Filter filter) {
    byte[] cur = rgb;
    int curW = w;
    if (outW != w) {
      cur = horizontal(cur, w, h, outW, coeffs(w, outW, filter));
      curW = outW;
    }
    if (outH != h) {
      cur = vertical(cur, curW, h, outH, coeffs(h, outH, filter));
    }
    return cur == rgb ? rgb.clone() : cur;
  }

  private static Coeffs coeffs(int inSize, int outSize, Filter filter) {
    double scale = (double) inSize / outSize;
    double filterscale = Math.max(scale, 1.0);
    double support = filter.support * filterscale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] bounds = new int[outSize * 2];
    int[] kk = new int[outSize * ksize];
    double[] k = new double[ksize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
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
      double ww = 0.0;
      for (int x = 0; x < xmax; x++) {
        double wgt = filter.weight((x + xmin - center + 0.5) * ss);
        k[x] = wgt;
        ww += wgt;
      }
      for (int x = 0; x < ksize; x++) {
        double v = x < xmax ? (ww != 0.0 ? k[x] / ww : k[x]) : 0.0;
        // Pillow rounds half away from zero when it converts to fixed point
        kk[xx * ksize + x] =
            v < 0
                ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                : (int) (0.5 + v * (1 << PRECISION_BITS));
      }
      bounds[xx * 2] = xmin;
      bounds[xx * 2 + 1] = xmax;
    }
    return new Coeffs(ksize, bounds, kk);
  }

  private static int clip8(long ss) {
    long v = ss >> PRECISION_BITS;
    return v < 0 ? 0 : v > 255 ? 255 : (int) v;
  }

  private static byte[] horizontal(byte[] in, int w, int h, int outW, Coeffs c) {
    byte[] out = new byte[outW * h * 3];
    for (int y = 0; y < h; y++) {
      int row = y * w * 3;
      for (int xx = 0; xx < outW; xx++) {
        int xmin = c.bounds[xx * 2];
        int xmax = c.bounds[xx * 2 + 1];
        int kbase = xx * c.ksize;
        long s0 = 1L << (PRECISION_BITS - 1);
        long s1 = s0;
        long s2 = s0;
        for (int x = 0; x < xmax; x++) {
          int p = row + (x + xmin) * 3;
          long kv = c.kk[kbase + x];
          s0 += (in[p] & 0xff) * kv;
          s1 += (in[p + 1] & 0xff) * kv;
          s2 += (in[p + 2] & 0xff) * kv;
        }
        int o = (y * outW + xx) * 3;
        out[o] = (byte) clip8(s0);
        out[o + 1] = (byte) clip8(s1);
        out[o + 2] = (byte) clip8(s2);
      }
    }
    return out;
  }

  private static byte[] vertical(byte[] in, int w, int h, int outH, Coeffs c) {
    byte[] out = new byte[w * outH * 3];
    for (int yy = 0; yy < outH; yy++) {
      int ymin = c.bounds[yy * 2];
      int ymax = c.bounds[yy * 2 + 1];
      int kbase = yy * c.ksize;
      for (int x = 0; x < w; x++) {
        long s0 = 1L << (PRECISION_BITS - 1);
        long s1 = s0;
        long s2 = s0;
        for (int y = 0; y < ymax; y++) {
          int p = ((y + ymin) * w + x) * 3;
          long kv = c.kk[kbase + y];
          s0 += (in[p] & 0xff) * kv;
          s1 += (in[p + 1] & 0xff) * kv;
          s2 += (in[p + 2] & 0xff) * kv;
        }
        int o = (yy * w + x) * 3;
        out[o] = (byte) clip8(s0);
        out[o + 1] = (byte) clip8(s1);
        out[o + 2] = (byte) clip8(s2);
      }
    }
    return out;
  }
}
