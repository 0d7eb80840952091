package io.docgrid.api.usage;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.auth.Scope;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.Problem;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.UsageRepository;
import io.docgrid.sql.model.DailyUsage;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Usage per day: the caller's own, or, for admins, any key's. Days are UTC days. */
public final class UsageRoutes {

  public static final String USAGE_PATH = "/api/v1/usage";
  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 366;

  /** One day's usage. */
  public record Day(
      LocalDate day, long requests, long pages, long ocrPages, long bytesIn, long bytesOut) {

    static Day of(DailyUsage usage) {
      return new Day(
          usage.day(),
          usage.requests(),
          usage.pages(),
          usage.ocrPages(),
          usage.bytesIn(),
          usage.bytesOut());
    }
  }

  /** The answer: each day with usage, and the sum over the range. */
  @OpenApiName("UsageReport")
  public record Report(String principal, LocalDate from, LocalDate to, List<Day> days, Day total) {}

  private final UsageRepository usage;
  private final RequestValidator validator;
  private final Clock clock;

  public UsageRoutes(UsageRepository usage, RequestValidator validator, Clock clock) {
    this.usage = usage;
    this.validator = validator;
    this.clock = clock;
  }

  @OpenApi(
      path = USAGE_PATH,
      methods = HttpMethod.GET,
      operationId = "getUsage",
      summary = "Requests, pages, OCR pages and bytes per UTC day",
      tags = "usage",
      queryParams = {
        @OpenApiParam(name = "from", description = "First day, YYYY-MM-DD; default 30 days ago"),
        @OpenApiParam(name = "to", description = "Last day, YYYY-MM-DD; default today"),
        @OpenApiParam(name = "keyId", description = "Admins: the key to report on")
      },
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = Report.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class))
      })
  public void usage(Context ctx) {
    UsageQuery query =
        validator.valid(
            new UsageQuery(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("keyId")));
    Principal caller = Authenticator.require(ctx);
    LocalDate to =
        query.to() == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date("to", query.to());
    LocalDate from =
        query.from() == null ? to.minusDays(DEFAULT_DAYS - 1) : date("from", query.from());
    if (from.isAfter(to)) {
      throw ApiException.invalidField("from", "must not be after 'to'");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw ApiException.invalidField("from", "must be at most " + MAX_DAYS + " days before 'to'");
    }
    String principal = caller.id();
    if (query.keyId() != null && !principal.equals("key:" + query.keyId())) {
      if (!caller.has(Scope.ADMIN)) {
        throw new ApiException(
            ErrorCode.INSUFFICIENT_SCOPE, "Only admins may see another key's usage.");
      }
      principal = "key:" + query.keyId();
    }
    List<Day> days = usage.dailyUsage(principal, from, to).stream().map(Day::of).toList();
    Day total =
        new Day(
            null,
            days.stream().mapToLong(Day::requests).sum(),
            days.stream().mapToLong(Day::pages).sum(),
            days.stream().mapToLong(Day::ocrPages).sum(),
            days.stream().mapToLong(Day::bytesIn).sum(),
            days.stream().mapToLong(Day::bytesOut).sum());
    ctx.json(new Report(principal, from, to, days, total));
  }

  private static LocalDate date(String field, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidField(field, UsageQuery.DATE_RULE);
    }
  }
}
