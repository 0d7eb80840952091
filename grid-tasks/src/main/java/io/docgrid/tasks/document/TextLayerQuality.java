package io.docgrid.tasks.document;

/**
 * Whether a page's text layer is worth keeping, or the page should be OCRed in {@code auto} mode. A
 * layer is unusable when it is (nearly) empty or mostly garbage: replacement characters, private
 * use code points and control characters, which is what broken font encodings and "OCR layers" of
 * bad scanners produce.
 */
final class TextLayerQuality {

  /** Fewer visible characters than this is no text layer, just page numbers or stray marks. */
  static final int MIN_VISIBLE_CHARACTERS = 16;

  /** At least this share of the visible characters must be letters, digits or punctuation. */
  static final double MIN_READABLE_SHARE = 0.75;

  private TextLayerQuality() {}

  static boolean isUsable(String text) {
    int visible = 0;
    int readable = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.isWhitespace(codePoint)) {
        continue;
      }
      visible++;
      if (isReadable(codePoint)) {
        readable++;
      }
    }
    return visible >= MIN_VISIBLE_CHARACTERS && readable >= MIN_READABLE_SHARE * visible;
  }

  private static boolean isReadable(int codePoint) {
    if (codePoint == 0xFFFD) {
      return false;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.SURROGATE,
          Character.FORMAT ->
          false;
      default -> true;
    };
  }
}
