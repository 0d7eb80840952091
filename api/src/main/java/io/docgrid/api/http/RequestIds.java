package io.docgrid.api.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, a fresh UUID
 * otherwise. The id is echoed on the response, put in the log MDC and carried onto jobs.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final String ATTRIBUTE = "docgrid.requestId";

  /** Printable, header- and log-safe, and short enough to index. */
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");

  private RequestIds() {}

  public static void assign(Context ctx) {
    String offered = ctx.header(HEADER);
    String id = offered != null && SANE.matcher(offered).matches() ? offered : newId();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }

  public static void release(Context ctx) {
    MDC.remove(MDC_KEY);
  }

  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id != null ? id : "none";
  }

  static boolean isSane(String id) {
    return id != null && SANE.matcher(id).matches();
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
