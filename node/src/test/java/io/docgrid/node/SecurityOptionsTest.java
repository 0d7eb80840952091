package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.api.auth.Tier;
import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.config.SecurityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security flags of {@code serve}: secure defaults, overrides, and every mistake reported. */
class SecurityOptionsTest {

  @Test
  void defaults_require_keys_and_allow_no_browser_origins() {
    SecurityConfig security = ParsedSettings.serve(Map.of()).security();
    assertThat(security.anonymousAccess()).isFalse();
    assertThat(security.oauth()).isNull();
    assertThat(security.corsOrigins()).isEmpty();
    assertThat(security.tls()).isNull();
    assertThat(security.metricsPublic()).isFalse();
    assertThat(security.tiers().of(Tier.STANDARD).requestsPerMinute()).isEqualTo(120);
  }

  @Test
  void tier_limits_are_overridden_by_flag_or_environment() {
    SecurityConfig security =
        ParsedSettings.serve(
                Map.of(
                    "DOCGRID_TIER_LIMIT", "FREE.pages-per-hour=7,ENTERPRISE.result-retention=90d"),
                "--tier-limit",
                "STANDARD.requests-per-minute=300",
                "--tier-limit",
                "STANDARD.max-file-size=5MB")
            .security();
    assertThat(security.tiers().of(Tier.STANDARD).requestsPerMinute()).isEqualTo(300);
    assertThat(security.tiers().of(Tier.STANDARD).maxFileBytes()).isEqualTo(5L << 20);
    // Flags replace the environment's list rather than merging with it.
    assertThat(security.tiers().of(Tier.FREE).pagesPerHour()).isEqualTo(100);

    SecurityConfig fromEnvironment =
        ParsedSettings.serve(
                Map.of(
                    "DOCGRID_TIER_LIMIT", "FREE.pages-per-hour=7,ENTERPRISE.result-retention=90d"))
            .security();
    assertThat(fromEnvironment.tiers().of(Tier.FREE).pagesPerHour()).isEqualTo(7);
    assertThat(fromEnvironment.tiers().of(Tier.ENTERPRISE).resultRetention())
        .isEqualTo(Duration.ofDays(90));
  }

  @Test
  void every_mistake_is_reported_at_once() {
    assertThatThrownBy(
            () ->
                ParsedSettings.serve(
                    Map.of(),
                    "--tier-limit",
                    "GOLD.requests-per-minute=1",
                    "--tier-limit",
                    "FREE.requests-per-minute=0",
                    "--tier-limit",
                    "FREE.colour=blue",
                    "--oauth-issuer",
                    "https://id.example",
                    "--cors-origins",
                    "*",
                    "--max-header-size",
                    "1KB",
                    "--usage-retention",
                    "forever"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GOLD.requests-per-minute=1")
        .hasMessageContaining("requestsPerMinute must be at least 1")
        .hasMessageContaining("no limit named 'colour'")
        .hasMessageContaining("--oauth-issuer, --oauth-jwks-url and --oauth-audience")
        .hasMessageContaining("--cors-origins (DOCGRID_CORS_ORIGINS)")
        .hasMessageContaining("--max-header-size (DOCGRID_MAX_HEADER_SIZE)")
        .hasMessageContaining("--usage-retention (DOCGRID_USAGE_RETENTION)");
  }

  @Test
  void oauth_needs_issuer_jwks_and_audience() {
    SecurityConfig security =
        ParsedSettings.serve(
                Map.of(),
                "--oauth-issuer",
                "https://id.example",
                "--oauth-jwks-url",
                "https://id.example/.well-known/jwks.json",
                "--oauth-audience",
                "docgrid")
            .security();
    assertThat(security.oauth().issuer()).isEqualTo("https://id.example");
    assertThat(security.oauth().scopeClaim()).isEqualTo("scope");
    assertThatThrownBy(
            () ->
                ParsedSettings.serve(
                    Map.of(),
                    "--oauth-issuer",
                    "x",
                    "--oauth-jwks-url",
                    "file:///etc/passwd",
                    "--oauth-audience",
                    "a"))
        .hasMessageContaining("--oauth-jwks-url (DOCGRID_OAUTH_JWKS_URL) must be an http(s) URL");
  }

  @Test
  void the_keystore_password_comes_from_the_environment_or_a_file_and_is_never_shown(
      @TempDir Path temp) throws Exception {
    Path keystore = Files.writeString(temp.resolve("server.p12"), "not checked until start");
    assertThatThrownBy(() -> ParsedSettings.serve(Map.of(), "--tls-keystore", keystore.toString()))
        .hasMessageContaining("DOCGRID_TLS_KEYSTORE_PASSWORD");
    Path passwordFile = Files.writeString(temp.resolve("password"), "s3cret-keystore\n");
    NodeConfig config =
        ParsedSettings.serve(
            Map.of(),
            "--tls-keystore",
            keystore.toString(),
            "--tls-keystore-password-file",
            passwordFile.toString());
    assertThat(config.security().tls().password()).isEqualTo("s3cret-keystore");
    assertThat(config.toString()).doesNotContain("s3cret-keystore").contains("redacted");
  }
}
