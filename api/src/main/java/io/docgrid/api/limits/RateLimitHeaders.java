package io.docgrid.api.limits;

import io.javalin.http.Context;

/**
 * Tells the caller where it stands: {@code RateLimit-Policy} and {@code RateLimit} as in the IETF
 * draft (draft-ietf-httpapi-ratelimit-headers), the widespread {@code X-RateLimit-*} trio ({@code
 * Reset} in seconds from now, like the draft's {@code t}), and {@code Retry-After} when refused.
 */
public final class RateLimitHeaders {

  private RateLimitHeaders() {}

  public static void write(Context ctx, Allowance allowance) {
    String name = "\"" + allowance.policy() + "\"";
    ctx.header(
        "RateLimit-Policy", name + ";q=" + allowance.limit() + ";w=" + allowance.windowSeconds());
    ctx.header(
        "RateLimit", name + ";r=" + allowance.remaining() + ";t=" + allowance.resetSeconds());
    ctx.header("X-RateLimit-Limit", Long.toString(allowance.limit()));
    ctx.header("X-RateLimit-Remaining", Long.toString(allowance.remaining()));
    ctx.header("X-RateLimit-Reset", Long.toString(allowance.resetSeconds()));
    if (!allowance.allowed()) {
      ctx.header("Retry-After", Long.toString(allowance.retryAfterSeconds()));
    }
  }
}
