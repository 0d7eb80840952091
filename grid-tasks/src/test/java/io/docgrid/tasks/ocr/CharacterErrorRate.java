package io.docgrid.tasks.ocr;

/** Character error rate: edit distance over the expected length, after collapsing whitespace. */
final class CharacterErrorRate {

  private CharacterErrorRate() {}

  static double of(String expected, String actual) {
    String truth = normalise(expected);
    String read = normalise(actual);
    if (truth.isEmpty()) {
      return read.isEmpty() ? 0 : 1;
    }
    return (double) levenshtein(truth, read) / truth.length();
  }

  static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  static int levenshtein(String a, String b) {
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
