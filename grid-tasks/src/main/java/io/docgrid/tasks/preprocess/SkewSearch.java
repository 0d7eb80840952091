package io.docgrid.tasks.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The backend-independent half of {@link Preprocessor#estimateSkewDegrees}: Otsu's ink threshold
 * over a histogram, and the coarse-to-fine search over candidate angles with its tie-breaking and
 * median test. A backend supplies only the profile scores, all candidates of a step at once, so
 * that a GPU can evaluate them in one launch; sharing this code keeps every backend's choices
 * identical.
 */
public final class SkewSearch {

  /** Longest side of the working image; larger pages are block-averaged down to it. */
  public static final int MAX_WORKING_SIDE = 2048;

  /** Least difference, in gray levels, between Otsu's class means for the dark class to be ink. */
  public static final int MIN_CONTRAST = 40;

  /** Search bounds and steps, in hundredths of a degree. */
  private static final int LIMIT = 1500;

  private static final int COARSE_STEP = 25;
  private static final int MEDIUM_STEP = 5;
  private static final int MEDIUM_SPAN = 30;
  private static final int FINE_SPAN = 5;

  /** The profile scores of candidate angles, in hundredths of a degree. */
  @FunctionalInterface
  public interface Scorer {
    long[] scores(int[] hundredths);
  }

  private SkewSearch() {}

  /** The block size f of the working image: ceil(longest side / 2048), at least 1. */
  public static int workingFactor(int width, int height) {
    return Math.max(1, ceilDiv(Math.max(width, height), MAX_WORKING_SIDE));
  }

  public static int ceilDiv(int dividend, int divisor) {
    return (dividend + divisor - 1) / divisor;
  }

  /** Runs the three search steps; 0 when no line direction dominates. */
  public static int bestHundredths(Scorer scorer) {
    int[] coarse = angles(0, LIMIT, COARSE_STEP);
    long[] coarseScores = scorer.scores(coarse);
    int coarseBest = best(coarse, coarseScores);
    long coarseBestScore = coarseScores[indexOf(coarse, coarseBest)];
    long[] sorted = coarseScores.clone();
    Arrays.sort(sorted);
    long median = sorted[coarse.length / 2];
    // Why: a page of speckle, a photo or a lone mark scores much the same at every angle, and a
    // guess would rotate a straight page; only a clear peak is evidence of text lines. Text pages
    // score 10 to 90 times the median, even under 10% speckle; pure speckle about 1.1.
    if (2 * coarseBestScore < 3 * median) {
      return 0;
    }
    int[] medium = angles(coarseBest, MEDIUM_SPAN, MEDIUM_STEP);
    int mediumBest = best(medium, scorer.scores(medium));
    int[] fine = angles(mediumBest, FINE_SPAN, 1);
    return best(fine, scorer.scores(fine));
  }

  /** centre − span … centre + span by step, clipped to ±15°. */
  private static int[] angles(int centre, int span, int step) {
    List<Integer> angles = new ArrayList<>();
    for (int angle = centre - span; angle <= centre + span; angle += step) {
      if (angle >= -LIMIT && angle <= LIMIT) {
        angles.add(angle);
      }
    }
    return angles.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int best(int[] angles, long[] scores) {
    int best = 0;
    long bestScore = Long.MIN_VALUE;
    for (int i = 0; i < angles.length; i++) {
      if (better(angles[i], scores[i], best, bestScore)) {
        best = angles[i];
        bestScore = scores[i];
      }
    }
    return best;
  }

  private static int indexOf(int[] angles, int angle) {
    for (int i = 0; i < angles.length; i++) {
      if (angles[i] == angle) {
        return i;
      }
    }
    throw new IllegalStateException("angle " + angle + " is not a candidate");
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

  /**
   * Otsu's threshold over a 256-bin histogram, or −1 when the page has no ink: a single gray level,
   * or two classes whose means differ by less than {@link #MIN_CONTRAST}.
   */
  public static int inkThreshold(long[] histogram) {
    long total = 0;
    long totalSum = 0;
    for (int value = 0; value < 256; value++) {
      total += histogram[value];
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
}
