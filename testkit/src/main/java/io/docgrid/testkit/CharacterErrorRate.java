package io.docgrid.testkit;

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
    return (double) levenshtein(truth, read) / truth.length();
  }

  /** Trimmed, with every run of whitespace as one space. */
  public static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** The fewest single-character insertions, deletions and substitutions from a to b. */
  public static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
