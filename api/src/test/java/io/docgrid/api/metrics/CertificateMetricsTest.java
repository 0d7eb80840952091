package io.docgrid.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateMetricsTest {

  @TempDir Path directory;

  @Test
  void exports_when_the_first_certificate_of_each_purpose_expires() throws Exception {
    Path https = keyStore("https.p12", 30);
    Path grid = keyStore("grid.p12", 3);
    CollectorRegistry registry = new CollectorRegistry();
    new CertificateMetrics()
        .presenting("https", https, "secret-1")
        .presenting("grid", grid, "secret-1")
        .register(registry);

    long now = Instant.now().getEpochSecond();
    assertThat(expiry(registry, "https"))
        .isCloseTo(now + Duration.ofDays(30).toSeconds(), within(3600.0));
    assertThat(expiry(registry, "grid"))
        .isCloseTo(now + Duration.ofDays(3).toSeconds(), within(3600.0));
  }

  @Test
  void exports_nothing_without_tls() {
    CollectorRegistry registry = new CollectorRegistry();
    new CertificateMetrics().register(registry);
    assertThat(expiry(registry, "https")).isNull();
  }

  private static Double expiry(CollectorRegistry registry, String purpose) {
    return registry.getSampleValue(
        "docgrid_tls_certificate_expiry_timestamp_seconds",
        new String[] {"purpose"},
        new String[] {purpose});
  }

  private Path keyStore(String name, int validityDays) throws Exception {
    Path store = directory.resolve(name);
    Process keytool =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    "node",
                    "-dname",
                    "CN=node",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-validity",
                    Integer.toString(validityDays),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    "secret-1",
                    "-keystore",
                    store.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    return store;
  }
}
