package io.docgrid.ops.bench;

/** Levenshtein distance and the measures built on it, on whitespace-normalised text. */
final class EditDistance {

  private EditDistance() {}

  static String normalise(String text) {
    return text.trim().replaceAll("\\s+", " ");
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Character error rate of {@code recognised} against {@code reference}. */
  static double characterErrorRate(String reference, String recognised) {
    String a = normalise(reference);
    String b = normalise(recognised);
    return (double) distance(a, b) / Math.max(1, a.length());
  }

  /** 1 - distance / longer length: 1 for equal texts, 0 for nothing in common. */
  static double similarity(String x, String y) {
    String a = normalise(x);
    String b = normalise(y);
    int longer = Math.max(a.length(), b.length());
    return longer == 0 ? 1.0 : 1.0 - (double) distance(a, b) / longer;
  }
}
