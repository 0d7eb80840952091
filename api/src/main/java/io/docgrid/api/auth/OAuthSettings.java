package io.docgrid.api.auth;

import java.net.URI;
import java.util.Objects;

/**
 * Where bearer tokens come from: tokens must be signed by a key in {@code jwksUrl}, issued by
 * {@code issuer} for {@code audience}; their scopes are read from {@code scopeClaim} (a
 * space-separated string or an array).
 */
public record OAuthSettings(String issuer, URI jwksUrl, String audience, String scopeClaim) {

  public OAuthSettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(scopeClaim, "scopeClaim");
  }
}
