package io.docgrid.node.config;

import io.docgrid.api.ApiServer;
import io.docgrid.api.auth.OAuthSettings;
import io.docgrid.api.limits.TierPolicy;
import java.time.Duration;
import java.util.List;

/**
 * Who may call the API and how much: anonymous access (off by default), the OAuth issuer (null: API
 * keys only), tier limits, CORS origins (none by default), TLS (null: plain HTTP), whether metrics
 * need an admin key, header size limit, usage log retention and how long verified keys are cached.
 */
public record SecurityConfig(
    boolean anonymousAccess,
    OAuthSettings oauth,
    TierPolicy tiers,
    List<String> corsOrigins,
    ApiServer.Tls tls,
    boolean metricsPublic,
    int maxRequestHeaderBytes,
    Duration usageRetention,
    Duration keyCacheTtl) {

  public SecurityConfig {
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** Locked down: keys required, no browser origins, no TLS, default tiers. */
  public static SecurityConfig defaults() {
    return new SecurityConfig(
        false,
        null,
        TierPolicy.defaults(),
        List.of(),
        null,
        false,
        16 * 1024,
        Duration.ofDays(400),
        Duration.ofSeconds(30));
  }
}
