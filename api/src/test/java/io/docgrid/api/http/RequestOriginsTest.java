package io.docgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** What a real server makes of X-Forwarded-* headers, from this test's address, 127.0.0.1. */
class RequestOriginsTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private Javalin server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** A server that answers "client baseUrl mdcClientAddress" for every request. */
  private String start(TrustedProxies proxies) {
    RequestOrigins origins = new RequestOrigins(proxies);
    server =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.before(origins::assign);
                  config.routes.get(
                      "/",
                      ctx -> {
                        RequestOrigin origin = RequestOrigins.of(ctx);
                        ctx.result(
                            origin.clientAddress()
                                + " "
                                + origin.baseUrl()
                                + " "
                                + MDC.get(RequestOrigins.MDC_KEY));
                      });
                  config.routes.after(RequestOrigins::release);
                })
            .start("127.0.0.1", 0);
    return "http://127.0.0.1:" + server.port();
  }

  private String origin(String base, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/"));
    if (headers.length > 0) {
      request.headers(headers);
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void without_trusted_proxies_forged_headers_change_nothing() throws Exception {
    String base = start(TrustedProxies.none());
    assertThat(
            origin(
                base,
                "X-Forwarded-For",
                "203.0.113.7",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Host",
                "evil.example",
                "X-Forwarded-Port",
                "8443"))
        .isEqualTo("127.0.0.1 " + base + " 127.0.0.1");
  }

  @Test
  void a_peer_outside_the_trusted_ranges_is_not_believed() throws Exception {
    String base = start(TrustedProxies.of(List.of("10.0.0.0/8")));
    assertThat(origin(base, "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Host", "evil.example"))
        .isEqualTo("127.0.0.1 " + base + " 127.0.0.1");
  }

  @Test
  void a_trusted_proxy_names_the_client_scheme_host_and_port() throws Exception {
    String base = start(TrustedProxies.of(List.of("127.0.0.1")));
    assertThat(
            origin(
                base,
                "X-Forwarded-For",
                "203.0.113.7",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Host",
                "docgrid.example.com",
                "X-Forwarded-Port",
                "8443"))
        .isEqualTo("203.0.113.7 https://docgrid.example.com:8443 203.0.113.7");
    // The scheme's own port is left out, and a port in the host wins over X-Forwarded-Port.
    assertThat(
            origin(
                base,
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Host",
                "docgrid.example.com",
                "X-Forwarded-Port",
                "443"))
        .isEqualTo("127.0.0.1 https://docgrid.example.com 127.0.0.1");
    assertThat(
            origin(base, "X-Forwarded-Host", "docgrid.example.com:9000", "X-Forwarded-Port", "443"))
        .startsWith("127.0.0.1 http://docgrid.example.com:9000 ");
  }

  @Test
  void the_client_is_the_right_most_address_that_is_not_a_trusted_proxy() throws Exception {
    String base = start(TrustedProxies.of(List.of("127.0.0.1", "10.0.0.0/8")));
    // The caller wrote 198.51.100.1 itself; the proxies vouch only for what they appended.
    assertThat(origin(base, "X-Forwarded-For", "198.51.100.1, 203.0.113.7, 10.0.0.5"))
        .startsWith("203.0.113.7 ");
    // Several header lines are one list.
    assertThat(
            origin(
                base,
                "X-Forwarded-For",
                "198.51.100.1",
                "X-Forwarded-For",
                "203.0.113.9, 10.0.0.5"))
        .startsWith("203.0.113.9 ");
    // Only proxies: the left-most is as far as anyone can see.
    assertThat(origin(base, "X-Forwarded-For", "10.0.0.7, 10.0.0.5")).startsWith("10.0.0.7 ");
  }

  @Test
  void garbage_in_forwarded_headers_is_ignored() throws Exception {
    String base = start(TrustedProxies.of(List.of("127.0.0.1")));
    assertThat(
            origin(
                base,
                "X-Forwarded-For",
                "unknown",
                "X-Forwarded-Proto",
                "gopher",
                "X-Forwarded-Host",
                "evil.example/path?",
                "X-Forwarded-Port",
                "99999"))
        .isEqualTo("127.0.0.1 " + base + " 127.0.0.1");
  }
}
