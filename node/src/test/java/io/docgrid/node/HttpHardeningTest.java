package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.api.ApiServer;
import io.docgrid.node.config.SecurityConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security headers, CORS for configured origins only, and HTTPS from a keystore with HSTS. */
class HttpHardeningTest {

  private static final String PASSWORD = "test-keystore-secret";

  @Test
  void plain_http_sends_security_headers_and_no_cors_by_default(@TempDir Path temp)
      throws Exception {
    try (TestNode node = TestNodeConfig.in(temp.resolve("data")).start()) {
      HttpResponse<String> response =
          node.http.send(
              node.http.request("/api/v1/jobs").header("Origin", "https://evil.example"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .contains("default-src 'none'; frame-ancestors 'none'");
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
      assertThat(response.headers().firstValue("Server")).isEmpty();
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void only_configured_origins_get_cors_headers(@TempDir Path temp) throws Exception {
    SecurityConfig security = with(SecurityConfig.defaults(), List.of("https://app.example"), null);
    try (TestNode node = startWith(temp, security)) {
      HttpResponse<String> allowed =
          node.http.send(node.http.request("/api/v1/jobs").header("Origin", "https://app.example"));
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
          .contains("https://app.example");
      HttpResponse<String> other =
          node.http.send(
              node.http.request("/api/v1/jobs").header("Origin", "https://evil.example"));
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(other.statusCode()).as("answered as without an Origin").isEqualTo(200);
    }
  }

  @Test
  void a_browser_tus_client_may_preflight_and_read_the_tus_headers(@TempDir Path temp)
      throws Exception {
    SecurityConfig security = with(SecurityConfig.defaults(), List.of("https://app.example"), null);
    try (TestNode node = startWith(temp, security)) {
      HttpResponse<String> preflight =
          node.http.send(
              node.http
                  .anonymous()
                  .request(TusRequests.UPLOADS + "/" + java.util.UUID.randomUUID())
                  .header("Origin", "https://app.example")
                  .header("Access-Control-Request-Method", "PATCH")
                  .header(
                      "Access-Control-Request-Headers",
                      "authorization,content-type,tus-resumable,upload-offset,upload-checksum")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
      assertThat(preflight.statusCode()).isIn(200, 204);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
          .contains("https://app.example");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
          .containsIgnoringCase("PATCH");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
          .containsIgnoringCase("upload-offset")
          .containsIgnoringCase("tus-resumable");

      HttpResponse<String> created =
          node.http.send(
              node.http
                  .request(TusRequests.UPLOADS)
                  .header("Origin", "https://app.example")
                  .header("Tus-Resumable", "1.0.0")
                  .header("Upload-Length", "5")
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.headers().allValues("Access-Control-Expose-Headers").toString())
          .contains(
              "Location", "Upload-Offset", "Upload-Length", "Upload-Expires", "Tus-Resumable");
    }
  }

  @Test
  void tls_from_a_keystore_serves_https_with_hsts(@TempDir Path temp) throws Exception {
    Path keystore = selfSignedKeystore(temp);
    SecurityConfig security =
        with(SecurityConfig.defaults(), List.of(), new ApiServer.Tls(keystore, PASSWORD));
    try (TestNode node = startWith(temp, security)) {
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://localhost:" + node.port() + "/api/v1/health"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Strict-Transport-Security"))
          .contains("max-age=31536000; includeSubDomains");
      HttpClient plain = HttpClient.newHttpClient();
      HttpRequest insecure =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/v1/health"))
              .timeout(Duration.ofSeconds(10))
              .build();
      // Plain HTTP on the TLS port is not served.
      int status;
      try {
        status = plain.send(insecure, HttpResponse.BodyHandlers.ofString()).statusCode();
      } catch (java.io.IOException refused) {
        status = -1;
      }
      assertThat(status).isNotEqualTo(200);
    }
  }

  private static TestNode startWith(Path temp, SecurityConfig security) throws Exception {
    return TestNodeConfig.in(temp.resolve("data")).security(security).start();
  }

  private static SecurityConfig with(SecurityConfig base, List<String> origins, ApiServer.Tls tls) {
    return new SecurityConfig(
        base.anonymousAccess(),
        base.oauth(),
        base.tiers(),
        origins,
        tls,
        base.metricsPublic(),
        base.maxRequestHeaderBytes(),
        base.usageRetention(),
        base.keyCacheTtl());
  }

  private static Path selfSignedKeystore(Path temp) throws Exception {
    Path keystore = temp.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "docgrid",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(new String(process.getInputStream().readAllBytes()))
        .isZero();
    return keystore;
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
