package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import io.docgrid.api.ApiServer;
import io.docgrid.api.auth.OAuthSettings;
import io.docgrid.api.auth.Tier;
import io.docgrid.api.limits.TierLimits;
import io.docgrid.api.limits.TierPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The security options of {@code docgrid serve}, validated into a {@link SecurityConfig}. */
public final class SecurityOptions {

  public static final String KEYSTORE_PASSWORD_FILE = "--tls-keystore-password-file";

  private static final Pattern TIER_LIMIT =
      Pattern.compile("(FREE|STANDARD|OAUTH|ENTERPRISE)\\.([a-z-]+)=(.+)");
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?");

  @Option(
      names = "--anonymous-access",
      description = "Let callers without a key in, at the FREE tier (default: keys required).")
  boolean anonymousAccess;

  @Option(names = "--oauth-issuer", description = "Issuer (iss) of accepted OAuth2 bearer tokens.")
  String oauthIssuer;

  @Option(names = "--oauth-jwks-url", description = "URL of the issuer's signing keys (JWKS).")
  String oauthJwksUrl;

  @Option(names = "--oauth-audience", description = "Audience (aud) tokens must be issued for.")
  String oauthAudience;

  @Option(
      names = "--oauth-scope-claim",
      description = "Token claim holding the scopes (default: ${DEFAULT-VALUE}).",
      defaultValue = "scope")
  String oauthScopeClaim;

  @Option(
      names = "--tier-limit",
      split = ",",
      description =
          "Override a tier limit, e.g. STANDARD.requests-per-minute=300. Limits:"
              + " requests-per-minute, pages-per-hour, max-file-size, max-pages, concurrent-jobs,"
              + " priority, result-retention.")
  List<String> tierLimits;

  @Option(
      names = "--cors-origins",
      split = ",",
      description = "Browser origins allowed to call the API, e.g. https://app.example.com.")
  List<String> corsOrigins;

  @Option(
      names = "--tls-keystore",
      description = "PKCS12 keystore: serve HTTPS from Jetty (default: plain HTTP).")
  Path tlsKeystore;

  @Option(
      names = KEYSTORE_PASSWORD_FILE,
      description = "File with the keystore password. Or set DOCGRID_TLS_KEYSTORE_PASSWORD.")
  Path tlsKeystorePasswordFile;

  @Option(
      names = "--public-metrics",
      description = "Serve /api/v1/metrics without a key (default: admin key required).")
  boolean publicMetrics;

  @Option(
      names = "--max-header-size",
      description = "Largest accepted request headers (default: ${DEFAULT-VALUE}).",
      defaultValue = "16KB")
  String maxHeaderSize;

  @Option(
      names = "--usage-retention",
      description = "How long usage log rows are kept (default: ${DEFAULT-VALUE}).",
      defaultValue = "400d")
  String usageRetention;

  @Option(
      names = "--key-cache-ttl",
      description =
          "How long a node trusts a verified key without reading it again; revocations reach"
              + " every node at once regardless (default: ${DEFAULT-VALUE}).",
      defaultValue = "30s")
  String keyCacheTtl;

  private final Secrets secrets;

  SecurityOptions(Environment environment) {
    this.secrets = new Secrets(environment);
  }

  SecurityConfig toConfig(List<String> problems) {
    SecurityConfig defaults = SecurityConfig.defaults();
    long headerBytes = ByteSize.parse(maxHeaderSize);
    if (headerBytes < 4096 || headerBytes > 1024 * 1024) {
      problems.add(setting("--max-header-size") + " must be from 4KB to 1MB");
    }
    Duration retention = positiveDuration(problems, "--usage-retention", usageRetention);
    Duration cacheTtl = positiveDuration(problems, "--key-cache-ttl", keyCacheTtl);
    List<String> origins =
        corsOrigins == null
            ? List.of()
            : corsOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
    for (String origin : origins) {
      if (!ORIGIN.matcher(origin).matches()) {
        problems.add(
            setting("--cors-origins")
                + " entries must be origins such as"
                + " https://app.example.com, got '"
                + origin
                + "'");
      }
    }
    return new SecurityConfig(
        anonymousAccess,
        oauth(problems),
        tiers(problems, defaults.tiers()),
        origins,
        tls(problems),
        publicMetrics,
        (int) Math.max(headerBytes, 0),
        retention,
        cacheTtl);
  }

  private OAuthSettings oauth(List<String> problems) {
    boolean any = oauthIssuer != null || oauthJwksUrl != null || oauthAudience != null;
    if (!any) {
      return null;
    }
    if (isBlank(oauthIssuer) || isBlank(oauthJwksUrl) || isBlank(oauthAudience)) {
      problems.add("--oauth-issuer, --oauth-jwks-url and --oauth-audience must be given together");
      return null;
    }
    URI jwks;
    try {
      jwks = URI.create(oauthJwksUrl.trim());
    } catch (IllegalArgumentException e) {
      jwks = null;
    }
    if (jwks == null
        || jwks.getHost() == null
        || !("https".equals(jwks.getScheme()) || "http".equals(jwks.getScheme()))) {
      problems.add(setting("--oauth-jwks-url") + " must be an http(s) URL");
      return null;
    }
    return new OAuthSettings(
        oauthIssuer.trim(), jwks, oauthAudience.trim(), oauthScopeClaim.trim());
  }

  private TierPolicy tiers(List<String> problems, TierPolicy policy) {
    if (tierLimits == null) {
      return policy;
    }
    for (String override : tierLimits) {
      Matcher match = TIER_LIMIT.matcher(override.trim());
      if (!match.matches()) {
        problems.add(
            setting("--tier-limit")
                + " entries must be TIER.limit=value, e.g."
                + " STANDARD.requests-per-minute=300, got '"
                + override
                + "'");
        continue;
      }
      Tier tier = Tier.valueOf(match.group(1));
      try {
        policy = policy.with(tier, withLimit(policy.of(tier), match.group(2), match.group(3)));
      } catch (IllegalArgumentException e) {
        problems.add(setting("--tier-limit") + " '" + override + "': " + e.getMessage());
      }
    }
    return policy;
  }

  private static TierLimits withLimit(TierLimits limits, String name, String value) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "requests-per-minute" ->
          new TierLimits(
              number(value),
              limits.pagesPerHour(),
              limits.maxFileBytes(),
              limits.maxPagesPerDocument(),
              limits.concurrentJobs(),
              limits.priority(),
              limits.resultRetention());
      case "pages-per-hour" ->
          new TierLimits(
              limits.requestsPerMinute(),
              number(value),
              limits.maxFileBytes(),
              limits.maxPagesPerDocument(),
              limits.concurrentJobs(),
              limits.priority(),
              limits.resultRetention());
      case "max-file-size" ->
          new TierLimits(
              limits.requestsPerMinute(),
              limits.pagesPerHour(),
              size(value),
              limits.maxPagesPerDocument(),
              limits.concurrentJobs(),
              limits.priority(),
              limits.resultRetention());
      case "max-pages" ->
          new TierLimits(
              limits.requestsPerMinute(),
              limits.pagesPerHour(),
              limits.maxFileBytes(),
              (int) number(value),
              limits.concurrentJobs(),
              limits.priority(),
              limits.resultRetention());
      case "concurrent-jobs" ->
          new TierLimits(
              limits.requestsPerMinute(),
              limits.pagesPerHour(),
              limits.maxFileBytes(),
              limits.maxPagesPerDocument(),
              (int) number(value),
              limits.priority(),
              limits.resultRetention());
      case "priority" ->
          new TierLimits(
              limits.requestsPerMinute(),
              limits.pagesPerHour(),
              limits.maxFileBytes(),
              limits.maxPagesPerDocument(),
              limits.concurrentJobs(),
              (int) number(value),
              limits.resultRetention());
      case "result-retention" ->
          new TierLimits(
              limits.requestsPerMinute(),
              limits.pagesPerHour(),
              limits.maxFileBytes(),
              limits.maxPagesPerDocument(),
              limits.concurrentJobs(),
              limits.priority(),
              duration(value));
      default -> throw new IllegalArgumentException("no limit named '" + name + "'");
    };
  }

  private ApiServer.Tls tls(List<String> problems) {
    if (tlsKeystore == null) {
      return null;
    }
    if (!Files.isReadable(tlsKeystore)) {
      problems.add(setting("--tls-keystore") + " cannot be read: " + tlsKeystore);
      return null;
    }
    String password =
        secrets
            .required(
                KEYSTORE_PASSWORD_FILE,
                tlsKeystorePasswordFile,
                "--tls-keystore needs its password in " + Secrets.sources(KEYSTORE_PASSWORD_FILE),
                problems)
            .orElse(null);
    if (password == null) {
      return null;
    }
    return new ApiServer.Tls(tlsKeystore, password);
  }

  private static Duration positiveDuration(List<String> problems, String flag, String value) {
    Duration parsed = Durations.parse(value);
    if (parsed == null || parsed.isNegative() || parsed.isZero()) {
      problems.add(
          setting(flag) + " must be a positive duration such as 30s or 7d, got '" + value + "'");
      return Duration.ofSeconds(1);
    }
    return parsed;
  }

  private static long number(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a whole number");
    }
  }

  private static long size(String value) {
    long bytes = ByteSize.parse(value);
    if (bytes <= 0) {
      throw new IllegalArgumentException("'" + value + "' is not a size such as 10MB");
    }
    return bytes;
  }

  private static Duration duration(String value) {
    Duration parsed = Durations.parse(value);
    if (parsed == null) {
      throw new IllegalArgumentException("'" + value + "' is not a duration such as 7d");
    }
    return parsed;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
