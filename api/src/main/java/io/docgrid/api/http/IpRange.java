package io.docgrid.api.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR range such as {@code 10.0.0.0/8} or {@code fc00::/7}, read without ever
 * querying DNS: the trusted proxies and the outbound allow-list are lists of these.
 */
public final class IpRange {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern RANGE = Pattern.compile("([^/]+)(?:/(\\d{1,3}))?");

  private final byte[] network;
  private final int prefixBits;

  private IpRange(byte[] network, int prefixBits) {
    this.network = network;
    this.prefixBits = prefixBits;
  }

  /** The range {@code entry} names (an address is a range of one); empty if it names none. */
  public static Optional<IpRange> parse(String entry) {
    Matcher parts = RANGE.matcher(entry.strip());
    if (!parts.matches()) {
      return Optional.empty();
    }
    Optional<InetAddress> address = literal(parts.group(1));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = address.get().getAddress();
    int bits = bytes.length * 8;
    int prefix = parts.group(2) == null ? bits : Integer.parseInt(parts.group(2));
    if (prefix > bits) {
      return Optional.empty();
    }
    return Optional.of(new IpRange(bytes, prefix));
  }

  /**
   * The address an IP literal (dotted decimal IPv4, or IPv6, bracketed or not) stands for; empty
   * for anything else. Never resolves a host name.
   */
  public static Optional<InetAddress> literal(String text) {
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

  public boolean contains(InetAddress address) {
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
