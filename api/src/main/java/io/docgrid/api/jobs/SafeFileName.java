package io.docgrid.api.jobs;

import java.text.Normalizer;

/**
 * Turns whatever a client calls its file into a name that is safe to store, log and show: no
 * directory parts, no control or bidi-override characters, bounded length, never empty.
 */
final class SafeFileName {

  static final int MAX_LENGTH = 200;
  static final String FALLBACK = "document";

  private SafeFileName() {}

  static String of(String offered) {
    if (offered == null) {
      return FALLBACK;
    }
    String name = Normalizer.normalize(offered, Normalizer.Form.NFC);
    // Browsers on Windows send full paths; keep only the last segment of either separator.
    int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(cut + 1);
    StringBuilder safe = new StringBuilder(name.length());
    name.codePoints().filter(SafeFileName::isAllowed).forEach(safe::appendCodePoint);
    String cleaned = safe.toString().strip();
    while (cleaned.startsWith(".")) {
      cleaned = cleaned.substring(1); // no hidden files, no "." or ".."
    }
    if (cleaned.isEmpty()) {
      return FALLBACK;
    }
    return truncateKeepingExtension(cleaned);
  }

  private static boolean isAllowed(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL
        && type != Character.FORMAT // includes bidi overrides such as U+202E
        && type != Character.SURROGATE
        && type != Character.PRIVATE_USE
        && type != Character.UNASSIGNED
        && codePoint != ':'
        && codePoint != '*'
        && codePoint != '?'
        && codePoint != '"'
        && codePoint != '<'
        && codePoint != '>'
        && codePoint != '|';
  }

  private static String truncateKeepingExtension(String name) {
    if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
    int keep = MAX_LENGTH - extension.length();
    int end = name.offsetByCodePoints(0, keep);
    return name.substring(0, end) + extension;
  }

  /** The extension with its dot, lower-cased, or empty. */
  static String extensionOf(String safeName) {
    int dot = safeName.lastIndexOf('.');
    return dot > 0 ? safeName.substring(dot).toLowerCase(java.util.Locale.ROOT) : "";
  }
}
