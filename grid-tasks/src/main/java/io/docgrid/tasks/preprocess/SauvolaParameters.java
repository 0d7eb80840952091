package io.docgrid.tasks.preprocess;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of Sauvola's local threshold {@code T = m · (1 + k · (s / R − 1))}.
 *
 * @param window side of the square window centred on each pixel, odd, 3..{@value #MAX_WINDOW}
 * @param k sensitivity, 0 &lt; k &lt; 1: larger values push more low-contrast pixels to white
 * @param dynamicRange R, the standard deviation the local contrast is measured against, &gt; 0
 */
public record SauvolaParameters(int window, double k, double dynamicRange) {

  /**
   * Largest accepted window. It keeps {@code n · Σp²} of a full window well inside a signed 64-bit
   * integer (n ≤ 2047², p ≤ 255), which the exact integer arithmetic of the threshold relies on.
   */
  public static final int MAX_WINDOW = 2047;

  /** w = 31, k = 0.34, R = 128: the values tuned for 300 dpi text pages. */
  public static final SauvolaParameters DEFAULTS = new SauvolaParameters(31, 0.34, 128.0);

  public SauvolaParameters {
    List<String> problems = new ArrayList<>();
    if (window < 3 || window > MAX_WINDOW || window % 2 == 0) {
      problems.add("window must be an odd number from 3 to " + MAX_WINDOW + ", got " + window);
    }
    // The negated comparisons also reject NaN.
    if (!(k > 0.0 && k < 1.0)) {
      problems.add("k must be strictly between 0 and 1, got " + k);
    }
    if (!(dynamicRange > 0.0 && dynamicRange < Double.POSITIVE_INFINITY)) {
      problems.add("dynamicRange must be a finite number above 0, got " + dynamicRange);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid Sauvola parameters: " + String.join("; ", problems));
    }
  }
}
