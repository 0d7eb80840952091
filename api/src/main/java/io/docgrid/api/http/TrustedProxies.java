package io.docgrid.api.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-*} headers the API believes: IP addresses and CIDR ranges
 * such as {@code 10.0.0.0/8}. A request from any other address is taken at its socket's word, so
 * that a caller can choose neither its client address (its rate-limit bucket, its name in the logs)
 * nor the host that its links point to.
 */
public final class TrustedProxies {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern RANGE = Pattern.compile("([^/]+)(?:/(\\d{1,3}))?");

  private final List<String> entries;
  private final List<Range> ranges;

  private TrustedProxies(List<String> entries, List<Range> ranges) {
    this.entries = List.copyOf(entries);
    this.ranges = List.copyOf(ranges);
  }

  /** No proxy is trusted: every request is taken at its socket's word. */
  public static TrustedProxies none() {
    return new TrustedProxies(List.of(), List.of());
  }

  /**
   * @throws IllegalArgumentException naming the first entry that is neither an address nor a range
   */
  public static TrustedProxies of(List<String> entries) {
    List<String> kept = new ArrayList<>();
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      String trimmed = entry.strip();
      ranges.add(
          range(trimmed)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'" + entry + "' is neither an IP address nor a CIDR range")));
      kept.add(trimmed);
    }
    return new TrustedProxies(kept, ranges);
  }

  /** Whether {@code entry} is an IP address, or a CIDR range such as {@code 10.0.0.0/8}. */
  public static boolean isAddressOrRange(String entry) {
    return range(entry.strip()).isPresent();
  }

  public boolean trusts(InetAddress address) {
    return ranges.stream().anyMatch(range -> range.contains(address));
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /**
   * The address an IP literal stands for; empty for anything else. Never resolves a host name, so
   * that a header cannot make the server query DNS.
   */
  static Optional<InetAddress> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String bare = text.strip();
    if (bare.startsWith("[") && bare.endsWith("]")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    try {
      Matcher ipv4 = IPV4.matcher(bare);
      if (ipv4.matches()) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(ipv4.group(i + 1));
          if (octet > 255) {
            return Optional.empty();
          }
          bytes[i] = (byte) octet;
        }
        return Optional.of(InetAddress.getByAddress(bytes));
      }
      // With a colon in it, the JDK parses the text as an IPv6 literal or refuses it; no lookup.
      if (IPV6.matcher(bare).matches()) {
        return Optional.of(InetAddress.getByName(bare));
      }
    } catch (UnknownHostException notAnAddress) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<Range> range(String entry) {
    Matcher parts = RANGE.matcher(entry);
    if (!parts.matches()) {
      return Optional.empty();
    }
    Optional<InetAddress> network = literal(parts.group(1));
    if (network.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = network.get().getAddress();
    int bits = bytes.length * 8;
    int prefix = parts.group(2) == null ? bits : Integer.parseInt(parts.group(2));
    if (prefix > bits) {
      return Optional.empty();
    }
    return Optional.of(new Range(bytes, prefix));
  }

  /** The entries as configured, comma-separated; "none" when there are none. */
  @Override
  public String toString() {
    return entries.isEmpty() ? "none" : String.join(",", entries);
  }

  private record Range(byte[] network, int prefixBits) {

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int whole = prefixBits / 8;
      for (int i = 0; i < whole; i++) {
        if (bytes[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixBits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest);
      return (bytes[whole] & mask) == (network[whole] & mask);
    }
  }
}
