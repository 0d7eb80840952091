package io.docgrid.api.outbound;

import io.docgrid.api.http.IpRange;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What operators let outbound requests reach although the guard refuses it ({@code
 * --outbound-allow}): IP addresses and CIDR ranges, whose addresses are allowed whatever name led
 * to them, and host names, which are allowed whatever they resolve to. Cloud metadata addresses
 * stay refused whatever the list says.
 */
public final class OutboundAllowList {

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private final List<String> entries;
  private final List<IpRange> ranges;
  private final List<String> hostNames;

  private OutboundAllowList(List<String> entries, List<IpRange> ranges, List<String> hostNames) {
    this.entries = List.copyOf(entries);
    this.ranges = List.copyOf(ranges);
    this.hostNames = List.copyOf(hostNames);
  }

  /** Nothing internal is reachable: the default. */
  public static OutboundAllowList none() {
    return new OutboundAllowList(List.of(), List.of(), List.of());
  }

  /**
   * @throws IllegalArgumentException naming the first entry that is neither an address, a CIDR
   *     range nor a host name
   */
  public static OutboundAllowList of(List<String> entries) {
    List<String> kept = new ArrayList<>();
    List<IpRange> ranges = new ArrayList<>();
    List<String> hostNames = new ArrayList<>();
    for (String entry : entries) {
      String trimmed = entry.strip();
      Optional<IpRange> range = IpRange.parse(trimmed);
      if (range.isPresent()) {
        ranges.add(range.get());
      } else if (isHostName(trimmed)) {
        hostNames.add(trimmed.toLowerCase(Locale.ROOT));
      } else {
        throw new IllegalArgumentException(
            "'" + entry + "' is neither an IP address, a CIDR range nor a host name");
      }
      kept.add(trimmed);
    }
    return new OutboundAllowList(kept, ranges, hostNames);
  }

  /** Whether {@code entry} is an address, a CIDR range or a host name. */
  public static boolean isValidEntry(String entry) {
    String trimmed = entry.strip();
    return IpRange.parse(trimmed).isPresent() || isHostName(trimmed);
  }

  boolean allowsHostName(String host) {
    return hostNames.contains(host.toLowerCase(Locale.ROOT));
  }

  boolean allowsAddress(InetAddress address) {
    return ranges.stream().anyMatch(range -> range.contains(address));
  }

  private static boolean isHostName(String text) {
    return text.length() <= 253 && HOST_NAME.matcher(text).matches();
  }

  /** The entries as configured, comma-separated; "none" when there are none. */
  @Override
  public String toString() {
    return entries.isEmpty() ? "none" : String.join(",", entries);
  }
}
