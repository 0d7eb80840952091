package io.docgrid.api.jobs;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code Prefer: wait=N} (RFC 7240): the client would rather wait up to N seconds for the job to
 * finish than poll; capped at {@link #MAX}. With {@code return=representation} as well, it wants
 * the result itself rather than the job (on submission only); alone, that implies the longest wait.
 * Anything unreadable is ignored, as preferences are.
 *
 * @param representation whether the finished job's result is the answer
 */
record WaitPreference(Duration duration, boolean representation) {

  static final Duration MAX = Duration.ofSeconds(60);

  WaitPreference(Duration duration) {
    this(duration, false);
  }

  static Optional<WaitPreference> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Duration wait = null;
    boolean representation = false;
    boolean unreadableWait = false;
    for (String preference : header.split(",")) {
      String[] parts = preference.trim().split("\\s*=\\s*", 2);
      if (parts.length != 2) {
        continue;
      }
      String name = parts[0].toLowerCase(Locale.ROOT);
      String value = parts[1].replace("\"", "").trim();
      if (name.equals("wait")) {
        try {
          long seconds = Long.parseLong(value);
          if (seconds > 0) {
            wait = Duration.ofSeconds(Math.min(seconds, MAX.toSeconds()));
          }
        } catch (NumberFormatException ignored) {
          unreadableWait = true;
        }
      } else if (name.equals("return") && value.equalsIgnoreCase("representation")) {
        representation = true;
      }
    }
    if (unreadableWait || (wait == null && !representation)) {
      return Optional.empty();
    }
    return Optional.of(new WaitPreference(wait == null ? MAX : wait, representation));
  }

  /** The same preference without the representation: for routes that answer with the job. */
  WaitPreference forJob() {
    return new WaitPreference(duration, false);
  }

  /** The {@code Preference-Applied} value. */
  String applied() {
    return "wait=" + duration.toSeconds() + (representation ? ", return=representation" : "");
  }
}
