package io.docgrid.sql.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of the usage log: an API request, or a job that finished. Strings longer than their
 * columns are cut to fit rather than rejected, since logging usage must never fail because a client
 * sent a long route or request id; {@code occurredAt} is truncated to microseconds.
 *
 * @param kind {@link #REQUEST} or {@link #JOB}
 * @param keyId the API key used, or {@code null} if none was
 * @param principal who: {@code key:<uuid>}, {@code oauth:<issuer>#<sub>} or {@code anonymous}
 */
public record UsageRecord(
    String kind,
    Instant occurredAt,
    UUID keyId,
    String principal,
    String tier,
    String route,
    String method,
    int status,
    long bytesIn,
    long bytesOut,
    int pages,
    int ocrPages,
    long durationMillis,
    String requestId) {

  public static final String REQUEST = "request";
  public static final String JOB = "job";

  static final int MAX_PRINCIPAL_LENGTH = 200;
  static final int MAX_TIER_LENGTH = 16;
  static final int MAX_ROUTE_LENGTH = 200;
  static final int MAX_METHOD_LENGTH = 10;
  static final int MAX_REQUEST_ID_LENGTH = 128;

  public UsageRecord {
    Objects.requireNonNull(kind, "kind");
    if (!kind.equals(REQUEST) && !kind.equals(JOB)) {
      throw new IllegalArgumentException(
          "Unknown usage kind '" + kind + "'; expected " + REQUEST + " or " + JOB);
    }
    occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
    principal = truncated(Objects.requireNonNull(principal, "principal"), MAX_PRINCIPAL_LENGTH);
    tier = truncated(Objects.requireNonNull(tier, "tier"), MAX_TIER_LENGTH);
    route = truncated(Objects.requireNonNull(route, "route"), MAX_ROUTE_LENGTH);
    method = truncated(Objects.requireNonNull(method, "method"), MAX_METHOD_LENGTH);
    requestId = truncated(Objects.requireNonNull(requestId, "requestId"), MAX_REQUEST_ID_LENGTH);
  }

  /** An API request; requests carry bytes, while pages are counted on the job rows. */
  public static UsageRecord request(
      Instant occurredAt,
      UUID keyId,
      String principal,
      String tier,
      String route,
      String method,
      int status,
      long bytesIn,
      long bytesOut,
      long durationMillis,
      String requestId) {
    return new UsageRecord(
        REQUEST,
        occurredAt,
        keyId,
        principal,
        tier,
        route,
        method,
        status,
        bytesIn,
        bytesOut,
        0,
        0,
        durationMillis,
        requestId);
  }

  /**
   * A finished job, counting its pages; its bytes are already on the request that submitted it.
   *
   * @param route the route of the request that submitted the job
   * @param status how the job ended, as an HTTP status
   * @param requestId the id of the request that submitted the job
   */
  public static UsageRecord job(
      Instant occurredAt,
      UUID keyId,
      String principal,
      String tier,
      String route,
      String method,
      int status,
      int pages,
      int ocrPages,
      long durationMillis,
      String requestId) {
    return new UsageRecord(
        JOB,
        occurredAt,
        keyId,
        principal,
        tier,
        route,
        method,
        status,
        0,
        0,
        pages,
        ocrPages,
        durationMillis,
        requestId);
  }

  private static String truncated(String text, int maxLength) {
    if (text.length() <= maxLength) {
      return text;
    }
    int end = maxLength;
    // Never split a surrogate pair: half a character is not valid text for the driver to encode.
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
