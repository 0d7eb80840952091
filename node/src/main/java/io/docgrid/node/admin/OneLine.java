package io.docgrid.node.admin;

/**
 * Text from the server or the network, made safe for one terminal line: control characters,
 * newlines and escape sequences among them, become spaces.
 */
final class OneLine {

  private OneLine() {}

  static String of(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ").strip();
  }
}
