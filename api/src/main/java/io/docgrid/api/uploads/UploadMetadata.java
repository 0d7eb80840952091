package io.docgrid.api.uploads;

import io.docgrid.api.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Upload-Metadata} header of tus: comma-separated pairs of a key and its value in base64
 * (the value may be absent). Only {@code filename} means something to DocGrid; the header is kept
 * as sent and echoed back on HEAD.
 */
record UploadMetadata(String header, Map<String, String> values) {

  static final int MAX_HEADER_CHARS = 4096;
  private static final String[] FILE_NAME_KEYS = {"filename", "name"};

  static UploadMetadata parse(String header) {
    if (header == null || header.isBlank()) {
      return new UploadMetadata(null, Map.of());
    }
    if (header.length() > MAX_HEADER_CHARS) {
      throw ApiException.invalidField(
          "Upload-Metadata", "must be at most " + MAX_HEADER_CHARS + " characters");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : header.split(",")) {
      String[] parts = pair.strip().split(" ", -1);
      if (parts.length > 2 || parts[0].isEmpty()) {
        throw ApiException.invalidField(
            "Upload-Metadata", "must be comma-separated pairs of a key and a base64 value");
      }
      values.put(parts[0], parts.length == 2 ? decode(parts[1]) : "");
    }
    return new UploadMetadata(header.strip(), Map.copyOf(values));
  }

  /** The file name a client gave, as tus-js-client ({@code filename}) and others ({@code name}). */
  Optional<String> fileName() {
    for (String key : FILE_NAME_KEYS) {
      String value = values.get(key);
      if (value != null && !value.isBlank()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("Upload-Metadata", "values must be base64");
    }
  }
}
