package io.docgrid.tasks.document;

import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the few metadata fields we pass on. Values come from the document, so they are
 * untrusted: blank ones are dropped and long ones cut, which keeps results and logs bounded.
 */
final class DocumentMetadata {

  static final int MAX_VALUE_LENGTH = 1000;

  private final Map<String, String> fields = new LinkedHashMap<>();

  /** Keeps the first non-blank value given for a key. */
  DocumentMetadata put(String key, String value) {
    if (value == null || fields.containsKey(key)) {
      return this;
    }
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      return this;
    }
    if (trimmed.length() > MAX_VALUE_LENGTH) {
      int end = MAX_VALUE_LENGTH;
      // Do not leave half of a surrogate pair at the cut.
      if (Character.isHighSurrogate(trimmed.charAt(end - 1))) {
        end--;
      }
      trimmed = trimmed.substring(0, end).stripTrailing();
    }
    fields.put(key, trimmed);
    return this;
  }

  DocumentMetadata put(String key, Calendar value) {
    return value == null ? this : put(key, value.toInstant().toString());
  }

  Map<String, String> toMap() {
    return fields;
  }
}
