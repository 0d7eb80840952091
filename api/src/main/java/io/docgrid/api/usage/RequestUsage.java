package io.docgrid.api.usage;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.http.RequestIds;
import io.docgrid.sql.model.UsageRecord;
import io.javalin.http.Context;
import java.time.Instant;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.server.Request;

/** The usage row of one finished request, whoever made it and however it ended. */
public final class RequestUsage {

  /** The principal of requests that never authenticated (public routes, rejected credentials). */
  public static final String UNAUTHENTICATED = "unauthenticated";

  private RequestUsage() {}

  public static UsageRecord of(Context ctx, String route, long durationMillis, Instant at) {
    Principal caller = Authenticator.of(ctx).orElse(null);
    return UsageRecord.request(
        at,
        caller == null ? null : caller.keyId(),
        caller == null ? UNAUTHENTICATED : caller.id(),
        caller == null ? "NONE" : caller.tier().name(),
        route,
        ctx.method().name(),
        ctx.statusCode(),
        bytesIn(ctx),
        bytesOut(ctx),
        durationMillis,
        RequestIds.of(ctx));
  }

  private static long bytesIn(Context ctx) {
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
    long read = request == null ? 0 : Request.getContentBytesRead(request);
    return Math.max(read, 0);
  }

  /** What the handler wrote, counted by the servlet output (it may still be in its buffer). */
  private static long bytesOut(Context ctx) {
    ServletContextResponse response = ServletContextResponse.getServletContextResponse(ctx.res());
    long written = response == null ? 0 : response.getHttpOutput().getWritten();
    return Math.max(written, 0);
  }
}
