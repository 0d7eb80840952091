package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.util.List;

/** Whole-number options, checked with a message that names the flag and its environment twin. */
final class Numbers {

  private Numbers() {}

  static int port(List<String> problems, String flag, String value, boolean zeroAllowed) {
    int parsed = parseInt(value);
    if (parsed < (zeroAllowed ? 0 : 1) || parsed > 65535) {
      problems.add(
          setting(flag)
              + " must be a port number"
              + (zeroAllowed ? " from 0" : " from 1")
              + " to 65535, got '"
              + value
              + "'");
    }
    return parsed;
  }

  static int inRange(List<String> problems, String flag, String value, int min, int max) {
    int parsed = parseInt(value);
    if (parsed < min || parsed > max) {
      problems.add(
          setting(flag)
              + " must be an integer from "
              + min
              + " to "
              + max
              + ", got '"
              + value
              + "'");
    }
    return parsed;
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (RuntimeException e) {
      return Integer.MIN_VALUE;
    }
  }
}
