package io.docgrid.api.http;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.error.ErrorReporter;
import io.docgrid.api.error.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.json.JsonMapper;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every failure, thrown or routed, as {@code application/problem+json}, and hands the
 * unexpected ones (500 {@code INTERNAL_ERROR}) to the error reporter.
 */
public final class ProblemResponder {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

  private final JsonMapper json;
  private final ErrorReporter reporter;
  private final RefusedBodies refusedBodies;

  public ProblemResponder(JsonMapper json, ErrorReporter reporter, RefusedBodies refusedBodies) {
    this.json = json;
    this.reporter = reporter;
    this.refusedBodies = refusedBodies;
  }

  public void install(RoutesConfig routes) {
    routes.exception(Exception.class, (failure, ctx) -> respond(ctx, failure));
    // Routes that matched nothing, or matched with the wrong method, never threw: answer them too.
    routes.error(404, ctx -> respondToStatus(ctx, 404));
    routes.error(405, ctx -> respondToStatus(ctx, 405));
  }

  public void respond(Context ctx, Throwable failure) {
    Problem problem = ErrorMapper.map(failure, ctx.path(), RequestIds.of(ctx));
    if (problem.status() == 503 && !(failure instanceof ApiException)) {
      // The database is down or failing over: one line a request, not a stack trace each.
      log.warn("request failed: {} {} -> 503: {}", ctx.method(), ctx.path(), failure.toString());
    } else if (problem.status() >= 500) {
      log.error("request failed: {} {}", ctx.method(), ctx.path(), failure);
      if (problem.code().equals(ErrorCode.INTERNAL_ERROR.name())) {
        report(ctx, failure, problem);
      }
    } else {
      log.info(
          "request rejected: {} {} -> {} {}",
          ctx.method(),
          ctx.path(),
          problem.status(),
          problem.code());
    }
    if (failure instanceof MethodNotAllowedResponse wrongMethod) {
      // RFC 9110 §15.5.6: a 405 names the methods the resource does support.
      wrongMethod.getDetails().values().stream()
          .findFirst()
          .ifPresent(allowed -> ctx.header("Allow", allowed));
    }
    if (failure instanceof ApiException api && api.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Long.toString(api.retryAfterSeconds()));
    }
    refusedBodies.discardRest(ctx);
    write(ctx, problem);
  }

  private void report(Context ctx, Throwable failure, Problem problem) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    reporter.requestFailed(
        failure,
        new ErrorReporter.FailedRequest(
            ctx.method().name(),
            endpoint == null ? "unmatched" : endpoint.path,
            problem.requestId(),
            Authenticator.of(ctx).map(Principal::id).orElse(null)));
  }

  private void respondToStatus(Context ctx, int status) {
    String contentType = ctx.res().getContentType();
    if (contentType != null && contentType.startsWith(Problem.MEDIA_TYPE)) {
      return; // already answered by the exception handler
    }
    ErrorCode code = status == 405 ? ErrorCode.METHOD_NOT_ALLOWED : ErrorCode.NOT_FOUND;
    String detail =
        status == 405
            ? "This method is not allowed on " + ctx.path() + "."
            : "No such resource. See /api/v1/docs for the API.";
    respond(ctx, new ApiException(code, detail));
  }

  private void write(Context ctx, Problem problem) {
    ctx.status(problem.status());
    ctx.contentType(Problem.MEDIA_TYPE);
    ctx.result(json.toJsonString(problem, Problem.class));
    if (problem.status() == 503 && ctx.res().getHeader("Retry-After") == null) {
      ctx.header("Retry-After", "5");
    }
  }
}
