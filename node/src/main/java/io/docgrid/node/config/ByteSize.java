package io.docgrid.node.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them: {@code 100MB}, {@code 512KiB}, {@code 1g}, or plain bytes. */
public final class ByteSize {

  private static final Pattern SIZE =
      Pattern.compile("\\s*(\\d{1,15})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\\s*");

  private ByteSize() {}

  /** The number of bytes, or -1 when the text is not a size. */
  public static long parse(String text) {
    if (text == null) {
      return -1;
    }
    Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return -1;
    }
    long value = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor =
        switch (unit.charAt(0)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1L;
        };
    if (value > Long.MAX_VALUE / factor) {
      return -1;
    }
    return value * factor;
  }
}
