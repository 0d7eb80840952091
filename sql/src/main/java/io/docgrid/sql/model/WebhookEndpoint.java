package io.docgrid.sql.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant's URL that receives signed events.
 *
 * @param events the event types it subscribed to
 * @param secret what signs its deliveries ({@code whsec_} and base64)
 * @param previousSecret the secret before the last rotation, which signs too until {@code
 *     previousSecretExpiresAt}; null when none
 * @param apiBaseUrl scheme and host the endpoint was created through: the links in its events
 * @param deadInARow deliveries that died one after the other; reset by a success
 */
public record WebhookEndpoint(
    UUID id,
    String owner,
    String url,
    String description,
    List<String> events,
    String secret,
    String previousSecret,
    Instant previousSecretExpiresAt,
    String apiBaseUrl,
    boolean enabled,
    String disabledReason,
    int deadInARow,
    Instant createdAt,
    Instant updatedAt) {

  public WebhookEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(url, "url");
    events = List.copyOf(events);
    Objects.requireNonNull(secret, "secret");
  }

  /**
   * A new endpoint of {@code owner}, as it is first stored: enabled, with one secret and no failed
   * deliveries behind it.
   */
  public static WebhookEndpoint created(
      String owner,
      String url,
      String description,
      List<String> events,
      String secret,
      String apiBaseUrl,
      Instant at) {
    return new WebhookEndpoint(
        UUID.randomUUID(),
        owner,
        url,
        description,
        events,
        secret,
        null,
        null,
        apiBaseUrl,
        true,
        null,
        0,
        at,
        at);
  }

  /** The secrets that sign a delivery made at {@code now}: the current one first. */
  public List<String> signingSecrets(Instant now) {
    List<String> secrets = new ArrayList<>(List.of(secret));
    if (previousSecret != null
        && previousSecretExpiresAt != null
        && now.isBefore(previousSecretExpiresAt)) {
      secrets.add(previousSecret);
    }
    return secrets;
  }

  public boolean subscribesTo(String eventType) {
    return events.contains(eventType);
  }
}
