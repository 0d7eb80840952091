package io.docgrid.api.webhooks;

import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.model.WebhookEndpoint;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the webhooks resource. The secret is shown at creation and rotation only. */
public final class WebhookViews {

  private WebhookViews() {}

  /**
   * An endpoint. {@code previousSecretExpiresAt}: while set and in the future, deliveries carry a
   * signature with the secret before the last rotation too.
   */
  public record WebhookView(
      String id,
      String url,
      String description,
      List<String> events,
      boolean enabled,
      String disabledReason,
      Instant previousSecretExpiresAt,
      Instant createdAt,
      Instant updatedAt) {
    static WebhookView of(WebhookEndpoint endpoint, Instant now) {
      Instant previous = endpoint.previousSecretExpiresAt();
      return new WebhookView(
          endpoint.id().toString(),
          endpoint.url(),
          endpoint.description(),
          endpoint.events(),
          endpoint.enabled(),
          endpoint.disabledReason(),
          previous != null && previous.isAfter(now) ? previous : null,
          endpoint.createdAt(),
          endpoint.updatedAt());
    }
  }

  /** An endpoint with its signing secret: the answer to creating it and to rotating its secret. */
  public record WebhookWithSecret(
      String id,
      String url,
      String description,
      List<String> events,
      boolean enabled,
      String secret) {
    static WebhookWithSecret of(WebhookEndpoint endpoint) {
      return new WebhookWithSecret(
          endpoint.id().toString(),
          endpoint.url(),
          endpoint.description(),
          endpoint.events(),
          endpoint.enabled(),
          endpoint.secret());
    }
  }

  public record WebhookList(List<WebhookView> items) {}

  /**
   * A delivery: {@code eventId} is the {@code webhook-id} header; {@code attempts} counts the tries
   * of its current schedule; {@code nextAttemptAt} is null once it succeeded or died.
   */
  public record DeliveryView(
      String id,
      String webhookId,
      String eventId,
      String eventType,
      String status,
      int attempts,
      Integer lastStatusCode,
      Instant lastAttemptAt,
      String lastError,
      Instant nextAttemptAt,
      Instant createdAt) {
    static DeliveryView of(WebhookDelivery delivery) {
      return new DeliveryView(
          delivery.id().toString(),
          delivery.endpointId().toString(),
          delivery.eventId(),
          delivery.eventType(),
          delivery.status().wireName(),
          delivery.attempts(),
          delivery.lastStatusCode(),
          delivery.lastAttemptAt(),
          delivery.lastError(),
          delivery.nextAttemptAt(),
          delivery.createdAt());
    }
  }

  public record DeliveryList(List<DeliveryView> items) {}
}
