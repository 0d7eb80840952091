package io.docgrid.node.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 90s}, {@code 10m}, {@code 2h}, {@code 7d}, {@code 500ms},
 * or ISO-8601.
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("\\s*(\\d{1,9})\\s*(ms|s|m|h|d)\\s*");

  private Durations() {}

  /** The duration, or null when the text is not one. */
  public static Duration parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = SHORT.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long value = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(value);
        case "s" -> Duration.ofSeconds(value);
        case "m" -> Duration.ofMinutes(value);
        case "h" -> Duration.ofHours(value);
        default -> Duration.ofDays(value);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
