package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.node.config.SecurityConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node without {@code --trusted-proxies} ignores the X-Forwarded-* headers of whoever calls it
 * directly: they choose neither the host of its links nor the bucket of its anonymous rate limit.
 */
class ForgedForwardedHeadersTest {

  private static final String[] FORGED = {
    "X-Forwarded-Proto", "https",
    "X-Forwarded-Host", "evil.example",
    "X-Forwarded-Port", "443"
  };

  @Test
  void forged_forwarded_headers_change_neither_links_nor_rate_limit_keys(@TempDir Path temp)
      throws Exception {
    SecurityConfig defaults = SecurityConfig.defaults();
    SecurityConfig anonymousAllowed =
        new SecurityConfig(
            true,
            null,
            defaults.tiers(),
            defaults.corsOrigins(),
            null,
            false,
            defaults.maxRequestHeaderBytes(),
            defaults.usageRetention(),
            defaults.keyCacheTtl());
    try (TestNode node =
        TestNodeConfig.in(temp.resolve("data")).security(anonymousAllowed).start()) {
      HttpApi.Multipart body = new HttpApi.Multipart().file("file", "a.txt", "hello".getBytes());
      HttpResponse<String> accepted =
          node.http.send(
              node.http
                  .request("/api/v1/jobs")
                  .headers(FORGED)
                  .header("Content-Type", body.contentType())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      String job = node.http.base + "/api/v1/jobs/" + json(accepted).get("id").asText();
      assertThat(accepted.headers().firstValue("Location")).hasValue(job);
      assertThat(json(accepted).at("/links/self").asText()).isEqualTo(job);

      // FREE allows ten requests a minute per client address, however many addresses it claims.
      HttpApi anonymous = node.http.anonymous();
      List<Integer> statuses = new ArrayList<>();
      for (int i = 1; i <= 11; i++) {
        statuses.add(
            anonymous
                .send(
                    anonymous
                        .request("/api/v1/jobs")
                        .header("X-Forwarded-For", "203.0.113." + i)
                        .headers(FORGED))
                .statusCode());
      }
      assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429);
    }
  }
}
