package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.image.GrayImage;

/** The Javadoc formulas of {@link Preprocessor}, written as directly as possible. */
final class ReferenceArithmetic {

  private ReferenceArithmetic() {}

  static GrayImage rotate(GrayImage page, double degrees) {
    int w = page.width();
    int h = page.height();
    long c = Math.round(StrictMath.cos(Math.toRadians(degrees)) * 65536);
    long s = Math.round(StrictMath.sin(Math.toRadians(degrees)) * 65536);
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        long dx = 2L * x - (w - 1);
        long dy = 2L * y - (h - 1);
        long u = (w - 1) * 65536L + dx * c - dy * s;
        long v = (h - 1) * 65536L + dx * s + dy * c;
        long x0 = u >> 17;
        long y0 = v >> 17;
        long fx = (u >> 9) & 255;
        long fy = (v >> 9) & 255;
        long top = read(page, x0, y0) * (256 - fx) + read(page, x0 + 1, y0) * fx;
        long bottom = read(page, x0, y0 + 1) * (256 - fx) + read(page, x0 + 1, y0 + 1) * fx;
        out[y * w + x] = (byte) ((top * (256 - fy) + bottom * fy + 32768) >> 16);
      }
    }
    return new GrayImage(w, h, out);
  }

  private static long read(GrayImage page, long x, long y) {
    boolean inside = x >= 0 && y >= 0 && x < page.width() && y < page.height();
    return inside ? page.get((int) x, (int) y) : 255;
  }

  static GrayImage binarize(GrayImage page, SauvolaParameters parameters) {
    int w = page.width();
    int h = page.height();
    int r = parameters.window() / 2;
    // Integral images of values and squares, as a GPU backend would build them.
    long[] sum = new long[(w + 1) * (h + 1)];
    long[] squares = new long[(w + 1) * (h + 1)];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        long p = page.get(x, y);
        int i = (y + 1) * (w + 1) + x + 1;
        sum[i] = p + sum[i - 1] + sum[i - w - 1] - sum[i - w - 2];
        squares[i] = p * p + squares[i - 1] + squares[i - w - 1] - squares[i - w - 2];
      }
    }
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int x0 = Math.max(0, x - r);
        int x1 = Math.min(w - 1, x + r) + 1;
        int y0 = Math.max(0, y - r);
        int y1 = Math.min(h - 1, y + r) + 1;
        long n = (long) (x1 - x0) * (y1 - y0);
        long s1 = box(sum, w, x0, y0, x1, y1);
        long s2 = box(squares, w, x0, y0, x1, y1);
        long v = n * s2 - s1 * s1;
        double mean = (double) s1 / (double) n;
        double std = Math.sqrt((double) v) / (double) n;
        double t = mean * (1.0 + parameters.k() * (std / parameters.dynamicRange() - 1.0));
        out[y * w + x] = page.get(x, y) <= t ? 0 : (byte) 255;
      }
    }
    return new GrayImage(w, h, out);
  }

  private static long box(long[] integral, int w, int x0, int y0, int x1, int y1) {
    int stride = w + 1;
    return integral[y1 * stride + x1]
        - integral[y0 * stride + x1]
        - integral[y1 * stride + x0]
        + integral[y0 * stride + x0];
  }
}
