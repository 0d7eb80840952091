package io.docgrid.api.http;

import io.docgrid.api.playground.Playground;
import io.javalin.http.Context;

/**
 * Headers that keep browsers from misusing responses: no sniffing, no framing, no referrer, no
 * caching of API answers (they may carry key secrets), a content security policy that allows
 * nothing on API responses, only this origin on the documentation page and, on the playground, only
 * its own scripts and styles (no inline code) and calls to this origin; HSTS under TLS.
 */
public final class SecurityHeaders {

  private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
  private static final String DOCS_POLICY =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; frame-ancestors 'none'";
  private static final String PLAYGROUND_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
          + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

  private final boolean tls;

  public SecurityHeaders(boolean tls) {
    this.tls = tls;
  }

  public void apply(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    String path = ctx.path();
    boolean docs = path.equals("/api/v1/docs") || path.startsWith("/webjars/");
    boolean playground = Playground.serves(path);
    ctx.header(
        "Content-Security-Policy",
        docs ? DOCS_POLICY : playground ? PLAYGROUND_POLICY : API_POLICY);
    if (!docs && !playground) {
      ctx.header("Cache-Control", "no-store");
    }
    if (tls) {
      ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
  }
}
