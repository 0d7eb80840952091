package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.image.GrayImage;
import java.util.Arrays;

/** {@link Preprocessor#estimateSkewDegrees}: Otsu ink, then a projection-profile search. */
final class SkewEstimator {

  private SkewEstimator() {}

  static int estimateHundredths(GrayImage page) {
    GrayImage working = downsample(page);
    int threshold = inkThreshold(working);
    if (threshold < 0) {
      return 0;
    }
    InkPixels ink = InkPixels.of(working, threshold);
    return SkewSearch.bestHundredths(
        angles -> {
          long[] scores = new long[angles.length];
          for (int i = 0; i < angles.length; i++) {
            scores[i] = ink.score(angles[i]);
          }
          return scores;
        });
  }

  /** Block means over f × f blocks, f = ceil(longest side / 2048); edge blocks may be partial. */
  static GrayImage downsample(GrayImage page) {
    int width = page.width();
    int height = page.height();
    int factor = SkewSearch.workingFactor(width, height);
    if (factor == 1) {
      return page;
    }
    int targetWidth = ceilDiv(width, factor);
    int targetHeight = ceilDiv(height, factor);
    byte[] source = page.pixels();
    byte[] target = new byte[targetWidth * targetHeight];
    int[] sums = new int[targetWidth];
    for (int blockY = 0; blockY < targetHeight; blockY++) {
      Arrays.fill(sums, 0);
      int top = blockY * factor;
      int bottom = Math.min(top + factor, height);
      for (int y = top; y < bottom; y++) {
        int offset = y * width;
        for (int x = 0; x < width; x++) {
          sums[x / factor] += source[offset + x] & 0xff;
        }
      }
      int rows = bottom - top;
      for (int blockX = 0; blockX < targetWidth; blockX++) {
        int columns = Math.min(factor, width - blockX * factor);
        int count = rows * columns;
        target[blockY * targetWidth + blockX] = (byte) ((sums[blockX] + count / 2) / count);
      }
    }
    return new GrayImage(targetWidth, targetHeight, target);
  }

  /** Otsu's threshold of the working image, or −1 when it has no ink ({@link SkewSearch}). */
  static int inkThreshold(GrayImage working) {
    long[] histogram = new long[256];
    for (byte value : working.pixels()) {
      histogram[value & 0xff]++;
    }
    return SkewSearch.inkThreshold(histogram);
  }

  private static int ceilDiv(int dividend, int divisor) {
    return (dividend + divisor - 1) / divisor;
  }

  /** Ink pixel coordinates grouped by row, and the projection-profile score over them. */
  private static final class InkPixels {

    private final int[] rowStart;
    private final int[] xs;
    private final int[] bins;
    private final int offset;

    private InkPixels(int[] rowStart, int[] xs, int width, int height) {
      this.rowStart = rowStart;
      this.xs = xs;
      // |X·sin| < width and 0 ≤ Y·cos ≤ height, so bins fall in (−width, width + height]; one
      // empty bin either side makes the first and last differences count.
      this.offset = width + 1;
      this.bins = new int[2 * width + height + 3];
    }

    static InkPixels of(GrayImage working, int threshold) {
      int width = working.width();
      int height = working.height();
      byte[] pixels = working.pixels();
      int count = 0;
      for (byte value : pixels) {
        if ((value & 0xff) <= threshold) {
          count++;
        }
      }
      int[] rowStart = new int[height + 1];
      int[] xs = new int[count];
      int next = 0;
      for (int y = 0; y < height; y++) {
        rowStart[y] = next;
        int row = y * width;
        for (int x = 0; x < width; x++) {
          if ((pixels[row + x] & 0xff) <= threshold) {
            xs[next++] = x;
          }
        }
      }
      rowStart[height] = next;
      return new InkPixels(rowStart, xs, width, height);
    }

    long score(int hundredths) {
      double degrees = hundredths / 100.0;
      int sin = FixedPoint.sin(degrees);
      int cos = FixedPoint.cos(degrees);
      int[] counts = bins;
      Arrays.fill(counts, 0);
      int height = rowStart.length - 1;
      for (int y = 0; y < height; y++) {
        int base = y * cos + (1 << 15);
        for (int i = rowStart[y], end = rowStart[y + 1]; i < end; i++) {
          counts[((xs[i] * sin + base) >> 16) + offset]++;
        }
      }
      long score = 0;
      for (int i = 1; i < counts.length; i++) {
        long difference = counts[i] - counts[i - 1];
        score += difference * difference;
      }
      return score;
    }
  }
}
