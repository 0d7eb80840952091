package io.docgrid.api.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request its {@link RequestOrigin}. The {@code X-Forwarded-For}, {@code -Proto},
 * {@code -Host} and {@code -Port} headers count only when the socket's peer is a trusted proxy; the
 * client is then the right-most address in {@code X-Forwarded-For} that is not a trusted proxy
 * itself, since every address left of it was written by someone the proxies do not vouch for. The
 * client address is put in the log MDC.
 */
public final class RequestOrigins {

  public static final String MDC_KEY = "clientAddress";
  private static final String ATTRIBUTE = "docgrid.requestOrigin";

  /** A host name or IP literal, with an optional port: nothing that could break out of a URL. */
  private static final Pattern AUTHORITY =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9.\\-]*|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?");

  private final TrustedProxies proxies;

  public RequestOrigins(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  public void assign(Context ctx) {
    RequestOrigin origin = resolve(ctx.req());
    ctx.attribute(ATTRIBUTE, origin);
    MDC.put(MDC_KEY, origin.clientAddress());
  }

  public static void release(Context ctx) {
    MDC.remove(MDC_KEY);
  }

  /** The origin {@link #assign} gave the request; from its socket alone if it gave none. */
  public static RequestOrigin of(Context ctx) {
    RequestOrigin origin = ctx.attribute(ATTRIBUTE);
    return origin != null ? origin : direct(ctx.req());
  }

  private RequestOrigin resolve(HttpServletRequest request) {
    RequestOrigin direct = direct(request);
    Optional<InetAddress> peer = TrustedProxies.literal(request.getRemoteAddr());
    if (peer.isEmpty() || !proxies.trusts(peer.get())) {
      return direct;
    }
    String client = clientBehindProxies(request, direct.clientAddress());
    String scheme =
        first(request, "X-Forwarded-Proto")
            .map(proto -> proto.toLowerCase(Locale.ROOT))
            .filter(proto -> proto.equals("http") || proto.equals("https"))
            .orElse(request.getScheme());
    Optional<Matcher> forwardedHost =
        first(request, "X-Forwarded-Host").map(AUTHORITY::matcher).filter(Matcher::matches);
    Optional<Integer> forwardedPort =
        first(request, "X-Forwarded-Port").flatMap(RequestOrigins::port);
    String host = forwardedHost.map(m -> m.group(1)).orElse(hostOf(request));
    int port =
        forwardedHost
            .flatMap(m -> Optional.ofNullable(m.group(2)).flatMap(RequestOrigins::port))
            .or(() -> forwardedPort)
            // A proxy that names the scheme or the host but no port speaks on the scheme's own.
            .orElse(
                forwardedHost.isPresent() || !scheme.equals(request.getScheme())
                    ? defaultPort(scheme)
                    : request.getServerPort());
    return new RequestOrigin(client, baseUrl(scheme, host, port));
  }

  private String clientBehindProxies(HttpServletRequest request, String peer) {
    List<String> hops =
        Collections.list(request.getHeaders("X-Forwarded-For")).stream()
            .flatMap(line -> List.of(line.split(",")).stream())
            .map(String::strip)
            .toList();
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = TrustedProxies.literal(hops.get(i));
      if (hop.isEmpty()) {
        // Not an address: the proxy that passed it on is the last one we can name.
        break;
      }
      client = hop.get().getHostAddress();
      if (!proxies.trusts(hop.get())) {
        break;
      }
    }
    return client;
  }

  private static RequestOrigin direct(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    String client = TrustedProxies.literal(peer).map(InetAddress::getHostAddress).orElse(peer);
    return new RequestOrigin(
        client, baseUrl(request.getScheme(), hostOf(request), request.getServerPort()));
  }

  /** The Host header's host, or this server's own address when the header is missing or odd. */
  private static String hostOf(HttpServletRequest request) {
    String name = request.getServerName();
    if (name != null && name.contains(":") && !name.startsWith("[")) {
      name = "[" + name + "]";
    }
    if (name != null && AUTHORITY.matcher(name).matches()) {
      return name;
    }
    String local = request.getLocalAddr();
    return local.contains(":") ? "[" + local + "]" : local;
  }

  private static String baseUrl(String scheme, String host, int port) {
    return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port);
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  /** The first value of a header that a proxy may have given as a list. */
  private static Optional<String> first(HttpServletRequest request, String header) {
    String value = request.getHeader(header);
    if (value == null) {
      return Optional.empty();
    }
    String first = value.split(",", 2)[0].strip();
    return first.isEmpty() ? Optional.empty() : Optional.of(first);
  }

  private static Optional<Integer> port(String text) {
    if (!text.matches("\\d{1,5}")) {
      return Optional.empty();
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
  }
}
