package io.docgrid.api.jobs;

import io.docgrid.api.error.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The renderings of a result a client can ask for. */
enum ResultFormat {
  JSON("application/json"),
  TEXT("text/plain; charset=utf-8"),
  MARKDOWN("text/markdown; charset=utf-8"),
  HOCR("application/xhtml+xml; charset=utf-8"),
  PDF("application/pdf");

  private final String contentType;

  ResultFormat(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /** The name clients use for it, in {@code ?format=}. */
  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format an {@code Accept} header asks for: the first media type in it that names one of ours
   * ({@code text/plain}, {@code text/markdown}, {@code application/xhtml+xml}, {@code
   * application/pdf} or {@code application/json}); JSON when none does.
   */
  static ResultFormat fromAccept(String accept) {
    if (accept == null) {
      return JSON;
    }
    for (String range : accept.split(",")) {
      String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      for (ResultFormat format : values()) {
        if (format.contentType.startsWith(type + ";") || format.contentType.equals(type)) {
          return format;
        }
      }
    }
    return JSON;
  }

  static ResultFormat parse(String offered) {
    if (offered == null || offered.isEmpty()) {
      return JSON;
    }
    for (ResultFormat format : values()) {
      if (format.name().equalsIgnoreCase(offered)) {
        return format;
      }
    }
    throw ApiException.invalidField("format", "must be one of " + names());
  }

  private static String names() {
    return Arrays.stream(values())
        .map(f -> f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
