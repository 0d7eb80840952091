package io.docgrid.api.outbound;

import io.docgrid.api.http.IpRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way from a host to addresses: it resolves the name once, refuses it when
 * any address it resolves to is internal (a name with one public and one internal address is
 * refused: the client might pick either), and hands the client exactly the addresses it checked.
 * The connection is therefore made to a checked address, while the request's Host header and TLS
 * server name stay the URL's host; a second lookup, which DNS rebinding would answer differently,
 * never happens.
 */
final class AddressGuard implements DnsResolver {

  private final OutboundAllowList allowed;
  private final HostResolver resolver;

  AddressGuard(OutboundAllowList allowed, HostResolver resolver) {
    this.allowed = allowed;
    this.resolver = resolver;
  }

  /** Refuses {@code target} if its host is a refused address; a name is checked on resolution. */
  void checkLiteral(OutboundTarget target) {
    if (target.literal() != null) {
      check(target.host(), target.literal());
    }
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    Optional<InetAddress> literal = IpRange.literal(host);
    if (literal.isPresent()) {
      check(host, literal.get());
      return new InetAddress[] {literal.get()};
    }
    InetAddress[] addresses = resolver.resolve(host);
    if (addresses == null || addresses.length == 0) {
      throw new UnknownHostException(host);
    }
    boolean nameAllowed = allowed.allowsHostName(host);
    for (InetAddress address : addresses) {
      if (nameAllowed) {
        refuseMetadata(host, address);
      } else {
        check(host, address);
      }
    }
    return addresses.clone();
  }

  @Override
  public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
    return Arrays.stream(resolve(host))
        .map(address -> new InetSocketAddress(address, port))
        .toList();
  }

  @Override
  public String resolveCanonicalHostname(String host) {
    return host; // never a reverse lookup: the name checked is the name used
  }

  private static void refuseMetadata(String host, InetAddress address) {
    if (RefusedAddresses.isMetadata(address)) {
      throw new OutboundRefusedException(named(host, address) + " is " + RefusedAddresses.METADATA);
    }
  }

  private void check(String host, InetAddress address) {
    refuseMetadata(host, address);
    if (allowed.allowsAddress(address)) {
      return;
    }
    Optional<String> kind = RefusedAddresses.kindOf(address);
    if (kind.isPresent()) {
      throw new OutboundRefusedException(
          named(host, address) + " is " + article(kind.get()) + " address");
    }
  }

  private static String named(String host, InetAddress address) {
    return host.equals(address.getHostAddress()) ? host : host + " resolves to an address that";
  }

  private static String article(String kind) {
    return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
  }
}
