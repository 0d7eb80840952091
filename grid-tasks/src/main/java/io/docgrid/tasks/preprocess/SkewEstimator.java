package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.image.GrayImage;
import java.util.Arrays;

/** {@link Preprocessor#estimateSkewDegrees}: Otsu ink, then a projection-profile search. */
final class SkewEstimator {

  /** Longest side of the working image; larger pages are block-averaged down to it. */
  static final int MAX_WORKING_SIDE = 2048;

  /** Least difference, in gray levels, between Otsu's class means for the dark class to be ink. */
  static final int MIN_CONTRAST = 40;

  /** Search bounds and steps, in hundredths of a degree. */
  private static final int LIMIT = 1500;

  private static final int COARSE_STEP = 25;
  private static final int MEDIUM_STEP = 5;
  private static final int MEDIUM_SPAN = 30;
  private static final int FINE_SPAN = 5;

  private SkewEstimator() {}

  static int estimateHundredths(GrayImage page) {
    GrayImage working = downsample(page);
    int threshold = inkThreshold(working);
    if (threshold < 0) {
      return 0;
    }
    InkPixels ink = InkPixels.of(working, threshold);

    int coarseCount = 2 * LIMIT / COARSE_STEP + 1;
    long[] coarseScores = new long[coarseCount];
    int coarseBest = 0;
    long coarseBestScore = Long.MIN_VALUE;
    for (int i = 0; i < coarseCount; i++) {
      int angle = -LIMIT + i * COARSE_STEP;
      coarseScores[i] = ink.score(angle);
      if (better(angle, coarseScores[i], coarseBest, coarseBestScore)) {
        coarseBest = angle;
        coarseBestScore = coarseScores[i];
      }
    }
    long[] sorted = coarseScores.clone();
    Arrays.sort(sorted);
    long median = sorted[coarseCount / 2];
    // Why: a page of speckle, a photo or a lone mark scores much the same at every angle, and a
    // guess would rotate a straight page; only a clear peak is evidence of text lines. Text pages
    // score 10 to 90 times the median, even under 10% speckle; pure speckle about 1.1.
    if (2 * coarseBestScore < 3 * median) {
      return 0;
    }
    int mediumBest = refine(ink, coarseBest, MEDIUM_SPAN, MEDIUM_STEP);
    return refine(ink, mediumBest, FINE_SPAN, 1);
  }

  private static int refine(InkPixels ink, int centre, int span, int step) {
    int best = 0;
    long bestScore = Long.MIN_VALUE;
    for (int angle = centre - span; angle <= centre + span; angle += step) {
      if (angle < -LIMIT || angle > LIMIT) {
        continue;
      }
      long score = ink.score(angle);
      if (better(angle, score, best, bestScore)) {
        best = angle;
        bestScore = score;
      }
    }
    return best;
  }

  /** Highest score wins; ties go to the smaller |angle|, then to the smaller angle. */
  private static boolean better(int angle, long score, int best, long bestScore) {
    if (score != bestScore) {
      return score > bestScore;
    }
    int magnitude = Math.abs(angle);
    int bestMagnitude = Math.abs(best);
    return magnitude != bestMagnitude ? magnitude < bestMagnitude : angle < best;
  }

  /** Block means over f × f blocks, f = ceil(longest side / 2048); edge blocks may be partial. */
  static GrayImage downsample(GrayImage page) {
    int width = page.width();
    int height = page.height();
    int factor = Math.max(1, ceilDiv(Math.max(width, height), MAX_WORKING_SIDE));
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

  /**
   * Otsu's threshold over the histogram, or −1 when the page has no ink: a single gray level, or
   * two classes whose means differ by less than {@link #MIN_CONTRAST}.
   */
  static int inkThreshold(GrayImage working) {
    long[] histogram = new long[256];
    for (byte value : working.pixels()) {
      histogram[value & 0xff]++;
    }
    long total = working.pixels().length;
    long totalSum = 0;
    for (int value = 0; value < 256; value++) {
      totalSum += value * histogram[value];
    }
    int best = -1;
    double bestScore = -1.0;
    long bestDark = 0;
    long bestDarkSum = 0;
    long dark = 0;
    long darkSum = 0;
    for (int t = 0; t < 255; t++) {
      dark += histogram[t];
      darkSum += t * histogram[t];
      long light = total - dark;
      if (dark == 0 || light == 0) {
        continue;
      }
      long lightSum = totalSum - darkSum;
      double difference = (double) (light * darkSum - dark * lightSum);
      double score = difference * difference / ((double) dark * (double) light);
      if (score > bestScore) {
        best = t;
        bestScore = score;
        bestDark = dark;
        bestDarkSum = darkSum;
      }
    }
    if (best < 0) {
      return -1;
    }
    long bestLight = total - bestDark;
    long bestLightSum = totalSum - bestDarkSum;
    if (bestLightSum * bestDark - bestDarkSum * bestLight < MIN_CONTRAST * bestDark * bestLight) {
      return -1;
    }
    return best;
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
