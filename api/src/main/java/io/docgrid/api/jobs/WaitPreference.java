package io.docgrid.api.jobs;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code Prefer: wait=N} (RFC 7240): the client would rather wait up to N seconds for the job to
 * finish than poll. Capped at {@link #MAX}; anything unreadable is ignored, as preferences are.
 */
record WaitPreference(Duration duration) {

  static final Duration MAX = Duration.ofSeconds(60);

  static Optional<WaitPreference> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    for (String preference : header.split(",")) {
      String[] parts = preference.trim().split("\\s*=\\s*", 2);
      if (parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("wait")) {
        try {
          long seconds = Long.parseLong(parts[1].replace("\"", "").trim());
          if (seconds > 0) {
            Duration wait = Duration.ofSeconds(Math.min(seconds, MAX.toSeconds()));
            return Optional.of(new WaitPreference(wait));
          }
        } catch (NumberFormatException ignored) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The {@code Preference-Applied} value. */
  String applied() {
    return "wait=" + duration.toSeconds();
  }
}
