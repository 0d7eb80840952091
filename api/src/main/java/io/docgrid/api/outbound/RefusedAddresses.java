package io.docgrid.api.outbound;

import io.docgrid.api.http.IpRange;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses outbound requests never reach unless the allow-list names them: every range that is
 * not the public internet (RFC 6890's special-purpose registries), and the cloud metadata services,
 * which no allow-list entry opens. IPv6 forms that carry an IPv4 address (mapped, compatible,
 * NAT64, 6to4) are judged by that IPv4 address.
 */
final class RefusedAddresses {

  /** A refused range and the class of address it is, as the refusal names it. */
  private record Refused(IpRange range, String kind) {}

  static final String METADATA = "a cloud metadata service";

  private static final List<IpRange> METADATA_ADDRESSES =
      ranges("169.254.169.254", "fd00:ec2::254", "100.100.100.200");

  private static final List<Refused> TABLE =
      List.of(
          refused("0.0.0.0/8", "unspecified"),
          refused("10.0.0.0/8", "private"),
          refused("100.64.0.0/10", "shared (carrier-grade NAT)"),
          refused("127.0.0.0/8", "loopback"),
          refused("169.254.0.0/16", "link-local"),
          refused("172.16.0.0/12", "private"),
          refused("192.0.0.0/24", "reserved (IETF protocol assignments)"),
          refused("192.0.2.0/24", "reserved (documentation)"),
          refused("192.88.99.0/24", "reserved (6to4 relay)"),
          refused("192.168.0.0/16", "private"),
          refused("198.18.0.0/15", "reserved (benchmarking)"),
          refused("198.51.100.0/24", "reserved (documentation)"),
          refused("203.0.113.0/24", "reserved (documentation)"),
          refused("224.0.0.0/4", "multicast"),
          refused("240.0.0.0/4", "reserved (including broadcast)"),
          refused("::/128", "unspecified"),
          refused("::1/128", "loopback"),
          refused("100::/64", "reserved (discard)"),
          refused("2001:db8::/32", "reserved (documentation)"),
          refused("fc00::/7", "unique-local"),
          refused("fe80::/10", "link-local"),
          refused("fec0::/10", "site-local"),
          refused("ff00::/8", "multicast"));

  private RefusedAddresses() {}

  /** What kind of internal address {@code address} is; empty for a public one. */
  static Optional<String> kindOf(InetAddress address) {
    InetAddress judged = embeddedIpv4(address).orElse(address);
    if (isMetadata(judged)) {
      return Optional.of(METADATA);
    }
    return TABLE.stream()
        .filter(refused -> refused.range().contains(judged))
        .map(Refused::kind)
        .findFirst();
  }

  static boolean isMetadata(InetAddress address) {
    InetAddress judged = embeddedIpv4(address).orElse(address);
    return METADATA_ADDRESSES.stream().anyMatch(range -> range.contains(judged));
  }

  /**
   * The IPv4 address an IPv6 one carries: {@code ::ffff:a.b.c.d} (mapped; the JDK already turns
   * most of these into IPv4), {@code ::a.b.c.d} (compatible), {@code 64:ff9b::a.b.c.d} (NAT64) and
   * {@code 2002:AABB:CCDD::} (6to4).
   */
  static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] bytes = address.getAddress();
    boolean zeroPrefix = allZero(bytes, 0, 10);
    boolean mapped = zeroPrefix && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    boolean compatible = zeroPrefix && bytes[10] == 0 && bytes[11] == 0 && !allZero(bytes, 12, 14);
    boolean nat64 =
        bytes[0] == 0
            && bytes[1] == 0x64
            && bytes[2] == (byte) 0xff
            && bytes[3] == (byte) 0x9b
            && allZero(bytes, 4, 12);
    if (mapped || compatible || nat64) {
      return Optional.of(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
    }
    if (bytes[0] == 0x20 && bytes[1] == 0x02) {
      return Optional.of(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
    }
    return Optional.empty();
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress ipv4(byte[] four) {
    try {
      return (Inet4Address) InetAddress.getByAddress(four);
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException("four bytes are an IPv4 address", impossible);
    }
  }

  private static Refused refused(String range, String kind) {
    return new Refused(IpRange.parse(range).orElseThrow(), kind);
  }

  private static List<IpRange> ranges(String... entries) {
    return Arrays.stream(entries).map(entry -> IpRange.parse(entry).orElseThrow()).toList();
  }
}
