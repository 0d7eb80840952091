package io.docgrid.api.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Makes requests to URLs that callers name, behind the guard: the URL is read and checked ({@link
 * OutboundTarget}) and every address the host resolves to is checked ({@link AddressGuard}) before
 * a connection is made, the connection goes to the checked address, and each redirect is checked
 * the same way. Refusals are {@link OutboundRefusedException}s, thrown before any connection to the
 * refused place. No proxy is used (a proxy would make the connection for us, to an address we did
 * not check), and no redirect is followed by the HTTP library itself.
 *
 * <p>Apache HttpClient 5 is the library because its {@code DnsResolver} is the one place it turns a
 * host into addresses: the guard resolves once, and the client connects to what it returned, while
 * the Host header and TLS server name (SNI, certificate check) stay the URL's host name. The JDK's
 * HttpClient has no such hook.
 */
public final class OutboundClient implements AutoCloseable {

  public static final int MAX_REDIRECTS = 5;

  /**
   * @param connectTimeout longest wait for a connection
   * @param readTimeout longest silence while waiting for, or reading, the response
   */
  public record Settings(OutboundAllowList allowed, Duration connectTimeout, Duration readTimeout) {

    public Settings {
      Objects.requireNonNull(allowed, "allowed");
    }
  }

  /** Reads a response while its connection is open. */
  @FunctionalInterface
  public interface ResponseReader<T> {
    T read(OutboundResponse response) throws IOException;
  }

  /** One hop's outcome: where to go next, or the reader's value. */
  private record Hop<T>(URI redirect, int status, T value) {}

  private final AddressGuard guard;
  private final CloseableHttpClient http;

  public OutboundClient(Settings settings, HostResolver resolver) {
    this.guard = new AddressGuard(settings.allowed(), resolver);
    ConnectionConfig connections =
        ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(settings.connectTimeout()))
            .setSocketTimeout(Timeout.of(settings.readTimeout()))
            .build();
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(guard)
                    .setDefaultConnectionConfig(connections)
                    .setMaxConnTotal(64)
                    .setMaxConnPerRoute(8)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(settings.readTimeout()))
                    .setRedirectsEnabled(false)
                    .build())
            // Bodies arrive as sent: nothing is inflated in this JVM, and no decompression library
            // loads.
            .disableContentCompression()
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .setUserAgent("DocGrid")
            .build();
  }

  /**
   * Checks {@code url} as far as can be done without DNS (scheme, credentials, host syntax, IP
   * literals) and returns it in canonical form; refused with {@link OutboundRefusedException}.
   */
  public URI check(String url) {
    OutboundTarget target = OutboundTarget.of(url);
    guard.checkLiteral(target);
    return target.uri();
  }

  /**
   * Sends {@code request} and hands the final response to {@code reader}.
   *
   * @throws OutboundRefusedException when the URL, an address its host resolves to, or a redirect's
   *     target is refused, or after more than {@link #MAX_REDIRECTS} redirects
   * @throws IOException when the connection fails or times out
   */
  public <T> T send(OutboundRequest request, ResponseReader<T> reader) throws IOException {
    OutboundTarget target = OutboundTarget.of(request.url());
    String method = request.method();
    byte[] body = request.body();
    Map<String, String> headers = request.headers();
    for (int redirects = 0; ; redirects++) {
      guard.checkLiteral(target);
      Hop<T> hop = exchange(method, target, headers, body, request.followRedirects(), reader);
      if (hop.redirect() == null) {
        return hop.value();
      }
      if (redirects == MAX_REDIRECTS) {
        throw new OutboundRefusedException(
            "the URL redirects more than " + MAX_REDIRECTS + " times");
      }
      OutboundTarget next = OutboundTarget.of(target.uri().resolve(hop.redirect()));
      if (!sameOrigin(target.uri(), next.uri())) {
        headers = Map.of();
      }
      if (hop.status() == 303 || ((hop.status() == 301 || hop.status() == 302) && body != null)) {
        method = "GET";
        body = null;
      }
      target = next;
    }
  }

  private <T> Hop<T> exchange(
      String method,
      OutboundTarget target,
      Map<String, String> headers,
      byte[] body,
      boolean followRedirects,
      ResponseReader<T> reader)
      throws IOException {
    HttpUriRequestBase request = new HttpUriRequestBase(method, target.uri());
    headers.forEach(request::setHeader);
    if (body != null) {
      request.setEntity(new ByteArrayEntity(body, contentType(headers)));
    }
    return http.execute(
        request,
        response -> {
          int status = response.getCode();
          Header location = response.getFirstHeader("Location");
          if (followRedirects && isRedirect(status) && location != null) {
            EntityUtils.consumeQuietly(response.getEntity());
            return new Hop<>(redirectTarget(location.getValue()), status, null);
          }
          try (InputStream stream = bodyOf(response)) {
            T value =
                reader.read(
                    new OutboundResponse(
                        status,
                        target.uri(),
                        name -> {
                          Header header = response.getFirstHeader(name);
                          return header == null ? null : header.getValue();
                        },
                        stream));
            return new Hop<>(null, status, value);
          }
        });
  }

  private static InputStream bodyOf(ClassicHttpResponse response) throws IOException {
    HttpEntity entity = response.getEntity();
    return entity == null ? InputStream.nullInputStream() : entity.getContent();
  }

  private static URI redirectTarget(String location) {
    try {
      return URI.create(location.strip());
    } catch (IllegalArgumentException e) {
      throw new OutboundRefusedException("the URL redirects to an invalid URL");
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equals(b.getScheme())
        && a.getHost().equals(b.getHost())
        && a.getPort() == b.getPort();
  }

  private static ContentType contentType(Map<String, String> headers) {
    return headers.entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
        .map(header -> ContentType.parse(header.getValue()))
        .findFirst()
        .orElse(ContentType.APPLICATION_OCTET_STREAM);
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
