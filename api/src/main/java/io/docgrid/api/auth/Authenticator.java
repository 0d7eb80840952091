package io.docgrid.api.auth;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.http.RequestOrigins;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Turns a request's credential into a {@link Principal}: API keys, bearer tokens when an issuer is
 * configured, and, only when configured, anonymous callers at the FREE tier.
 */
public final class Authenticator {

  private static final String ATTRIBUTE = "docgrid.principal";

  private final ApiKeyAuthenticator keys;
  private final TokenAuthenticator tokens;
  private final boolean anonymousAccess;

  /**
   * @param tokens null when no OAuth issuer is configured
   */
  public Authenticator(
      ApiKeyAuthenticator keys, TokenAuthenticator tokens, boolean anonymousAccess) {
    this.keys = keys;
    this.tokens = tokens;
    this.anonymousAccess = anonymousAccess;
  }

  public Principal authenticate(Context ctx) {
    Optional<Credentials> credentials = Credentials.of(ctx);
    Principal principal;
    if (credentials.isPresent()) {
      principal = check(credentials.get().value());
    } else if (anonymousAccess) {
      principal = Principal.anonymous(RequestOrigins.of(ctx).clientAddress());
    } else {
      throw new ApiException(
          ErrorCode.AUTHENTICATION_REQUIRED,
          "Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
    }
    ctx.attribute(ATTRIBUTE, principal);
    return principal;
  }

  private Principal check(String credential) {
    if (tokens != null && TokenAuthenticator.looksLikeToken(credential)) {
      return tokens.authenticate(credential);
    }
    return keys.authenticate(credential);
  }

  /** The caller of a request that passed authentication, if it did. */
  public static Optional<Principal> of(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }

  /** The caller of a request on an authenticated route. */
  public static Principal require(Context ctx) {
    return of(ctx).orElseThrow(() -> new IllegalStateException("route is not authenticated"));
  }
}
