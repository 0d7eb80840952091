package io.docgrid.api.outbound;

import java.math.BigInteger;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A URL the guard has read: HTTP(S) only, no credentials, its host either a canonical IP address or
 * an ASCII host name. Hosts that browsers and resolvers read as IPv4 addresses in spite of their
 * spelling ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}) are read the way the WHATWG URL
 * standard reads them, so they are judged as the addresses they are, not as names.
 *
 * @param uri the URL to request: scheme, canonical host, port, path and query; no fragment
 * @param host the canonical host, without brackets
 * @param literal the address, when the host is an IP address; null for a name
 */
record OutboundTarget(URI uri, String host, InetAddress literal) {

  private static final Set<String> SCHEMES = Set.of("http", "https");
  private static final Set<String> METADATA_NAMES =
      Set.of("metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal");
  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
  private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-f:.]+");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+|0x[0-9a-f]*");

  static OutboundTarget of(String url) {
    URI parsed;
    try {
      parsed = new URI(url);
    } catch (URISyntaxException e) {
      throw new OutboundRefusedException("'" + shortened(url) + "' is not a valid URL");
    }
    return of(parsed);
  }

  static OutboundTarget of(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new OutboundRefusedException("only http and https URLs are allowed");
    }
    String authority = url.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new OutboundRefusedException("the URL has no host");
    }
    if (authority.contains("@")) {
      throw new OutboundRefusedException("credentials in the URL are not allowed");
    }
    String hostText;
    String portText;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new OutboundRefusedException("the URL's IPv6 host is not closed with ]");
      }
      hostText = authority.substring(0, close + 1);
      portText = portAfter(authority.substring(close + 1));
    } else {
      int colon = authority.lastIndexOf(':');
      hostText = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? "" : authority.substring(colon + 1);
    }
    int port = port(portText);
    String host = hostText.toLowerCase(Locale.ROOT);
    InetAddress literal = null;
    String uriHost;
    if (host.startsWith("[")) {
      literal = ipv6(host.substring(1, host.length() - 1));
      host = literal.getHostAddress();
      uriHost = literal instanceof java.net.Inet6Address ? "[" + host + "]" : host;
    } else {
      host = asciiName(host);
      if (endsInNumber(host)) {
        literal = whatwgIpv4(host);
        host = literal.getHostAddress();
      } else if (METADATA_NAMES.contains(host)) {
        throw new OutboundRefusedException(host + " is " + RefusedAddresses.METADATA);
      }
      uriHost = host;
    }
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    String canonical = scheme + "://" + uriHost + (port < 0 ? "" : ":" + port) + path + query;
    return new OutboundTarget(URI.create(canonical), host, literal);
  }

  boolean isHttps() {
    return "https".equals(uri.getScheme());
  }

  private static String portAfter(String rest) {
    if (rest.isEmpty()) {
      return "";
    }
    if (!rest.startsWith(":")) {
      throw new OutboundRefusedException("the URL's host is not followed by a port");
    }
    return rest.substring(1);
  }

  private static int port(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    if (!text.matches("[0-9]{1,5}")
        || Integer.parseInt(text) == 0
        || Integer.parseInt(text) > 65535) {
      throw new OutboundRefusedException("the URL's port must be a number from 1 to 65535");
    }
    return Integer.parseInt(text);
  }

  private static InetAddress ipv6(String text) {
    // No zone ids (%eth0): they name an interface of this host.
    if (!IPV6_TEXT.matcher(text).matches() || !text.contains(":")) {
      throw new OutboundRefusedException("the URL's IPv6 host is not a valid address");
    }
    try {
      return InetAddress.getByName(text); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new OutboundRefusedException("the URL's IPv6 host is not a valid address");
    }
  }

  private static String asciiName(String host) {
    if (host.contains("%")) {
      throw new OutboundRefusedException("the URL's host must not be percent-encoded");
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String ascii;
    try {
      ascii = IDN.toASCII(name).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new OutboundRefusedException("the URL's host is not a valid host name");
    }
    if (ascii.isEmpty() || ascii.length() > 253 || !HOST_NAME.matcher(ascii).matches()) {
      throw new OutboundRefusedException("the URL's host is not a valid host name");
    }
    return ascii;
  }

  /** WHATWG URL: a host whose last label is a number is an IPv4 address, or invalid. */
  private static boolean endsInNumber(String host) {
    String[] labels = host.split("\\.", -1);
    return NUMBER.matcher(labels[labels.length - 1]).matches();
  }

  /** The WHATWG IPv4 parser: 1 to 4 parts, each decimal, octal (0…) or hexadecimal (0x…). */
  private static InetAddress whatwgIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length > 4) {
      throw new OutboundRefusedException("the URL's host is not a valid IPv4 address");
    }
    List<BigInteger> numbers = new ArrayList<>();
    for (String part : parts) {
      numbers.add(ipv4Number(part));
    }
    BigInteger last = numbers.get(numbers.size() - 1);
    BigInteger limit = BigInteger.valueOf(256).pow(5 - numbers.size());
    if (last.compareTo(limit) >= 0) {
      throw new OutboundRefusedException("the URL's host is not a valid IPv4 address");
    }
    long value = last.longValue();
    for (int i = 0; i < numbers.size() - 1; i++) {
      if (numbers.get(i).compareTo(BigInteger.valueOf(255)) > 0) {
        throw new OutboundRefusedException("the URL's host is not a valid IPv4 address");
      }
      value += numbers.get(i).longValue() << (8 * (3 - i));
    }
    byte[] bytes = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException("four bytes are an IPv4 address", impossible);
    }
  }

  private static BigInteger ipv4Number(String part) {
    try {
      if (part.startsWith("0x")) {
        return part.length() == 2 ? BigInteger.ZERO : new BigInteger(part.substring(2), 16);
      }
      if (part.length() > 1 && part.startsWith("0")) {
        return new BigInteger(part.substring(1), 8);
      }
      return new BigInteger(part, 10);
    } catch (NumberFormatException e) {
      throw new OutboundRefusedException("the URL's host is not a valid IPv4 address");
    }
  }

  private static String shortened(String url) {
    return url.length() <= 100 ? url : url.substring(0, 100) + "…";
  }
}
