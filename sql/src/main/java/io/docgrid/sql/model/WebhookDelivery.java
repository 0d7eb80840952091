package io.docgrid.sql.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One event on its way to one endpoint: a row of the delivery ledger.
 *
 * @param eventId the {@code webhook-id} header, the same on every try
 * @param payload the JSON body, exactly as signed and sent
 * @param attempts tries made in its current schedule (a redelivery starts a new one)
 * @param nextAttemptAt when it is due; null once it succeeded or died
 * @param lastStatusCode the HTTP status of the last try; null when it got none (timeout, refusal)
 */
public record WebhookDelivery(
    UUID id,
    UUID endpointId,
    String eventId,
    String eventType,
    String payload,
    DeliveryStatus status,
    int attempts,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Instant createdAt) {

  public WebhookDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(status, "status");
    nextAttemptAt = micros(nextAttemptAt);
    lastAttemptAt = micros(lastAttemptAt);
    createdAt = micros(Objects.requireNonNull(createdAt, "createdAt"));
  }

  /** A new delivery, due at once. */
  public static WebhookDelivery pending(
      UUID endpointId, String eventId, String eventType, String payload, Instant now) {
    return new WebhookDelivery(
        UUID.randomUUID(),
        endpointId,
        eventId,
        eventType,
        payload,
        DeliveryStatus.PENDING,
        0,
        now,
        null,
        null,
        null,
        now);
  }

  private static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
