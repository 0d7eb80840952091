package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.image.GrayImage;

/**
 * {@link Preprocessor#binarize}. The window sums must be exact integers; how they are obtained is
 * free. Rather than two full integral images (2 × 8 bytes per pixel, 140 MB for an A4 page at 300
 * dpi) this keeps running column sums over the current band of rows and a prefix sum over one row:
 * the same exact values in O(width) memory.
 */
final class SauvolaBinarizer {

  /** The largest standard deviation that 8-bit values can have: half 0, half 255. */
  private static final double MAX_DEVIATION = 127.5;

  private static final byte BLACK = 0;
  private static final byte WHITE = (byte) 255;

  private SauvolaBinarizer() {}

  static GrayImage binarize(GrayImage page, SauvolaParameters parameters) {
    int width = page.width();
    int height = page.height();
    int radius = parameters.window() / 2;
    double k = parameters.k();
    double range = parameters.dynamicRange();
    // Why: with R ≥ the largest possible deviation, T ≤ mean, so a pixel above the exact mean is
    // white without evaluating T; this skips the square root for most of the paper. It gives the
    // specified result bit for bit: p · n > S1 makes the rounded mean < p, and the rounded T ≤ the
    // rounded mean because the factor (1 + k · (s / R − 1)) rounds to at most 1.
    boolean brightIsWhite = range >= MAX_DEVIATION;
    byte[] source = page.pixels();
    byte[] target = new byte[source.length];

    // Column sums over rows [top, bottom] of the current window band.
    long[] columnSum = new long[width];
    long[] columnSquares = new long[width];
    // Prefix sums over x of the column sums: prefix[x] covers columns 0..x-1.
    long[] prefixSum = new long[width + 1];
    long[] prefixSquares = new long[width + 1];
    int bandTop = 0;
    int bandBottom = -1;

    for (int y = 0; y < height; y++) {
      int top = Math.max(0, y - radius);
      int bottom = Math.min(height - 1, y + radius);
      while (bandBottom < bottom) {
        bandBottom++;
        addRow(source, width, bandBottom, columnSum, columnSquares, 1);
      }
      while (bandTop < top) {
        addRow(source, width, bandTop, columnSum, columnSquares, -1);
        bandTop++;
      }
      for (int x = 0; x < width; x++) {
        prefixSum[x + 1] = prefixSum[x] + columnSum[x];
        prefixSquares[x + 1] = prefixSquares[x] + columnSquares[x];
      }
      int rows = bottom - top + 1;
      int offset = y * width;
      for (int x = 0; x < width; x++) {
        int left = Math.max(0, x - radius);
        int right = Math.min(width - 1, x + radius);
        long n = (long) rows * (right - left + 1);
        long sum = prefixSum[right + 1] - prefixSum[left];
        int value = source[offset + x] & 0xff;
        if (brightIsWhite && value * n > sum) {
          target[offset + x] = WHITE;
          continue;
        }
        long squares = prefixSquares[right + 1] - prefixSquares[left];
        long scaledVariance = n * squares - sum * sum;
        double mean = (double) sum / (double) n;
        double deviation = Math.sqrt((double) scaledVariance) / (double) n;
        double threshold = mean * (1.0 + k * (deviation / range - 1.0));
        target[offset + x] = value <= threshold ? BLACK : WHITE;
      }
    }
    return new GrayImage(width, height, target);
  }

  private static void addRow(
      byte[] source, int width, int y, long[] columnSum, long[] columnSquares, int sign) {
    int offset = y * width;
    for (int x = 0; x < width; x++) {
      int value = source[offset + x] & 0xff;
      columnSum[x] += sign * value;
      columnSquares[x] += sign * value * value;
    }
  }
}
