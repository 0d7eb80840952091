package io.docgrid.testkit;

import org.apache.commons.text.similarity.LevenshteinDistance;

/** Character error rate of OCR: edit distance over the expected length, whitespace collapsed. */
public final class CharacterErrorRate {

  private CharacterErrorRate() {}

  /** 0 for a perfect reading; 1 when nothing was read of a non-empty text. */
  public static double of(String expected, String actual) {
    String truth = normalise(expected);
    String read = normalise(actual);
    if (truth.isEmpty()) {
      return read.isEmpty() ? 0 : 1;
    }
    return (double) distance(truth, read) / truth.length();
  }

  /** 1 - distance / longer length, whitespace collapsed: 1 for equal texts, 0 for nothing alike. */
  public static double similarity(String x, String y) {
    String a = normalise(x);
    String b = normalise(y);
    int longer = Math.max(a.length(), b.length());
    return longer == 0 ? 1.0 : 1.0 - (double) distance(a, b) / longer;
  }

  /** Trimmed, with every run of whitespace as one space. */
  public static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static int distance(String a, String b) {
    return LevenshteinDistance.getDefaultInstance().apply(a, b);
  }
}
