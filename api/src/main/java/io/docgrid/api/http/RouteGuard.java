package io.docgrid.api.http;

import io.docgrid.api.auth.Access;
import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.limits.Allowance;
import io.docgrid.api.limits.RateLimitHeaders;
import io.docgrid.api.limits.RateLimiter;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Stands in front of every route: authentication (401), scope (403), then the caller's request rate
 * (429), in that order, so that an unauthenticated flood never touches a tenant's bucket.
 */
public final class RouteGuard {

  private static final String REALM = "Bearer realm=\"docgrid\"";

  private final Authenticator authenticator;
  private final RateLimiter rateLimiter;

  public RouteGuard(Authenticator authenticator, RateLimiter rateLimiter) {
    this.authenticator = authenticator;
    this.rateLimiter = rateLimiter;
  }

  public Handler guard(Access access, Handler handler) {
    if (!access.authenticated()) {
      return handler;
    }
    return ctx -> {
      Principal caller = authenticate(ctx);
      Allowance allowance = rateLimiter.request(caller);
      RateLimitHeaders.write(ctx, allowance);
      if (!allowance.allowed()) {
        throw new ApiException(
            ErrorCode.RATE_LIMITED,
            "More than "
                + allowance.limit()
                + " requests a minute; retry in "
                + allowance.retryAfterSeconds()
                + " s.");
      }
      if (access.scope() != null && !caller.has(access.scope())) {
        ctx.header(
            "WWW-Authenticate",
            REALM + ", error=\"insufficient_scope\", scope=\"" + access.scope().wireName() + "\"");
        throw new ApiException(
            ErrorCode.INSUFFICIENT_SCOPE,
            "This needs the '" + access.scope().wireName() + "' scope.");
      }
      handler.handle(ctx);
    };
  }

  private Principal authenticate(Context ctx) {
    try {
      return authenticator.authenticate(ctx);
    } catch (ApiException e) {
      ctx.header(
          "WWW-Authenticate",
          e.code() == ErrorCode.AUTHENTICATION_REQUIRED
              ? REALM
              : REALM + ", error=\"invalid_token\"");
      throw e;
    }
  }
}
