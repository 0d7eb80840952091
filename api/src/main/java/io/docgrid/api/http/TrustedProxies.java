package io.docgrid.api.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxies whose {@code X-Forwarded-*} headers the API believes: IP addresses and CIDR ranges
 * such as {@code 10.0.0.0/8}. A request from any other address is taken at its socket's word, so
 * that a caller can choose neither its client address (its rate-limit bucket, its name in the logs)
 * nor the host that its links point to.
 */
public final class TrustedProxies {

  private final List<String> entries;
  private final List<IpRange> ranges;

  private TrustedProxies(List<String> entries, List<IpRange> ranges) {
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
    List<IpRange> ranges = new ArrayList<>();
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

  /** The address an IP literal stands for; empty for anything else. Never queries DNS. */
  static Optional<InetAddress> literal(String text) {
    return IpRange.literal(text);
  }

  private static Optional<IpRange> range(String entry) {
    return IpRange.parse(entry);
  }

  /** The entries as configured, comma-separated; "none" when there are none. */
  @Override
  public String toString() {
    return entries.isEmpty() ? "none" : String.join(",", entries);
  }
}
