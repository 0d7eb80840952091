package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.WEBHOOK_DELIVERIES;
import static io.docgrid.sql.schema.Tables.WEBHOOK_ENDPOINTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.sql.model.DeliveryStatus;
import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.model.WebhookEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind the webhook repositories must do. */
abstract class WebhookRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  private WebhookEndpointRepository endpoints;
  private WebhookDeliveryRepository deliveries;

  protected abstract Database database();

  @BeforeEach
  void start_from_empty_tables() {
    database().dsl().deleteFrom(WEBHOOK_DELIVERIES).execute();
    database().dsl().deleteFrom(WEBHOOK_ENDPOINTS).execute();
    endpoints = new WebhookEndpointRepository(database().dsl());
    deliveries = new WebhookDeliveryRepository(database().dsl());
  }

  @Test
  void an_endpoint_is_stored_found_by_its_owner_only_changed_rotated_and_deleted() {
    WebhookEndpoint endpoint = endpoint("tenant-a");
    endpoints.insert(endpoint);

    assertThat(endpoints.findOwned(endpoint.id(), "tenant-a")).contains(endpoint);
    assertThat(endpoints.findOwned(endpoint.id(), "tenant-b")).isEmpty();
    assertThat(endpoints.listOwned("tenant-a")).containsExactly(endpoint);
    assertThat(endpoints.listOwned("tenant-b")).isEmpty();

    WebhookEndpoint changed =
        new WebhookEndpoint(
            endpoint.id(),
            "tenant-a",
            "https://hooks.example/v2",
            "second",
            List.of("job.failed"),
            endpoint.secret(),
            null,
            null,
            endpoint.apiBaseUrl(),
            true,
            null,
            0,
            T0,
            T0);
    assertThat(endpoints.update(changed, T0.plusSeconds(1)).orElseThrow())
        .satisfies(
            stored -> {
              assertThat(stored.url()).isEqualTo("https://hooks.example/v2");
              assertThat(stored.events()).containsExactly("job.failed");
              assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(1));
            });
    WebhookEndpoint foreign =
        new WebhookEndpoint(
            endpoint.id(),
            "tenant-b",
            "https://evil.example",
            null,
            List.of(),
            "whsec_x",
            null,
            null,
            "",
            true,
            null,
            0,
            T0,
            T0);
    assertThat(endpoints.update(foreign, T0)).isEmpty();

    WebhookEndpoint rotated =
        endpoints
            .rotateSecret(endpoint.id(), "tenant-a", "whsec_new", T0.plus(Duration.ofHours(24)), T0)
            .orElseThrow();
    assertThat(rotated.secret()).isEqualTo("whsec_new");
    assertThat(rotated.previousSecret()).isEqualTo(endpoint.secret());
    assertThat(rotated.signingSecrets(T0.plusSeconds(60)))
        .containsExactly("whsec_new", endpoint.secret());
    assertThat(rotated.signingSecrets(T0.plus(Duration.ofHours(24)))).containsExactly("whsec_new");

    deliveries.insertNew(List.of(delivery(endpoint, T0)));
    assertThat(endpoints.delete(endpoint.id(), "tenant-b")).isFalse();
    assertThat(endpoints.delete(endpoint.id(), "tenant-a")).isTrue();
    assertThat(endpoints.findById(endpoint.id())).isEmpty();
    assertThat(database().dsl().fetchCount(WEBHOOK_DELIVERIES)).isZero();
  }

  @Test
  void of_two_nodes_claiming_due_deliveries_one_wins_each_until_its_lease_lapses() {
    WebhookEndpoint endpoint = endpoint("tenant-a");
    endpoints.insert(endpoint);
    WebhookDelivery due = delivery(endpoint, T0);
    WebhookDelivery later = delivery(endpoint, T0.plusSeconds(20));
    deliveries.insertNew(List.of(due, later));

    List<WebhookDelivery> first = deliveries.claimDue("node-1", T0, T0.plus(LEASE), 10);
    List<WebhookDelivery> second = deliveries.claimDue("node-2", T0, T0.plus(LEASE), 10);

    assertThat(first).extracting(WebhookDelivery::id).containsExactly(due.id());
    assertThat(second).isEmpty();
    Instant lapsed = T0.plus(LEASE).plusSeconds(1);
    assertThat(deliveries.claimDue("node-2", lapsed, lapsed.plus(LEASE), 10))
        .extracting(WebhookDelivery::id)
        .containsExactly(due.id(), later.id());
    // node-1 lost the lease: its outcome does not count.
    assertThat(deliveries.markSucceeded(due.id(), "node-1", 200, lapsed)).isFalse();
    assertThat(deliveries.markSucceeded(due.id(), "node-2", 204, lapsed)).isTrue();
    assertThat(deliveries.findById(due.id()).orElseThrow())
        .satisfies(
            stored -> {
              assertThat(stored.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
              assertThat(stored.attempts()).isEqualTo(1);
              assertThat(stored.lastStatusCode()).isEqualTo(204);
              assertThat(stored.nextAttemptAt()).isNull();
            });
    // Succeeded is final: never claimed again.
    Instant muchLater = lapsed.plus(Duration.ofDays(1));
    assertThat(deliveries.claimDue("node-3", muchLater, muchLater.plus(LEASE), 10))
        .extracting(WebhookDelivery::id)
        .doesNotContain(due.id());
  }

  @Test
  void an_event_is_recorded_once_per_endpoint_however_often_it_is_published() {
    WebhookEndpoint first = endpoint("tenant-a");
    WebhookEndpoint second = endpoint("tenant-a");
    endpoints.insert(first);
    endpoints.insert(second);
    WebhookDelivery toFirst = delivery(first, T0);
    WebhookDelivery toSecond = sameEvent(toFirst, second);

    assertThat(deliveries.insertNew(List.of(toFirst, toSecond)))
        .extracting(WebhookDelivery::id)
        .containsExactly(toFirst.id(), toSecond.id());
    WebhookDelivery again = sameEvent(toFirst, first);
    assertThat(deliveries.insertNew(List.of(again))).isEmpty();
    assertThat(database().dsl().fetchCount(WEBHOOK_DELIVERIES)).isEqualTo(2);
  }

  /** A new delivery, to {@code endpoint}, of the event {@code delivery} carries. */
  private static WebhookDelivery sameEvent(WebhookDelivery delivery, WebhookEndpoint endpoint) {
    return WebhookDelivery.pending(
        endpoint.id(), delivery.eventId(), delivery.eventType(), delivery.payload(), T0);
  }

  @Test
  void a_failed_try_is_due_again_or_dead_and_a_redelivery_starts_over() {
    WebhookEndpoint endpoint = endpoint("tenant-a");
    endpoints.insert(endpoint);
    WebhookDelivery delivery = delivery(endpoint, T0);
    deliveries.insertNew(List.of(delivery));

    deliveries.claimDue("node-1", T0, T0.plus(LEASE), 10);
    assertThat(
            deliveries.markFailed(delivery.id(), "node-1", 500, "HTTP 500", T0, T0.plusSeconds(30)))
        .isTrue();
    assertThat(deliveries.claimDue("node-1", T0.plusSeconds(29), T0.plus(LEASE), 10)).isEmpty();
    Instant retry = T0.plusSeconds(30);
    assertThat(deliveries.claimDue("node-1", retry, retry.plus(LEASE), 10)).hasSize(1);
    assertThat(deliveries.markFailed(delivery.id(), "node-1", null, "timed out", retry, null))
        .isTrue();

    WebhookDelivery dead = deliveries.findById(delivery.id()).orElseThrow();
    assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.lastStatusCode()).isNull();
    assertThat(dead.lastError()).isEqualTo("timed out");
    assertThat(deliveries.listForEndpoint(endpoint.id(), 10)).containsExactly(dead);

    Instant now = retry.plusSeconds(5);
    assertThat(deliveries.redeliver(delivery.id(), now)).isTrue();
    assertThat(deliveries.claimDue("node-2", now, now.plus(LEASE), 10))
        .singleElement()
        .satisfies(
            again -> {
              assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
              assertThat(again.attempts()).isZero();
              assertThat(again.eventId()).isEqualTo(delivery.eventId());
            });
  }

  @Test
  void an_endpoint_is_disabled_after_dead_deliveries_in_a_row_and_its_deliveries_wait() {
    WebhookEndpoint endpoint = endpoint("tenant-a");
    endpoints.insert(endpoint);

    assertThat(endpoints.recordDead(endpoint.id(), 3, T0)).isFalse();
    endpoints.recordDelivered(endpoint.id());
    assertThat(endpoints.recordDead(endpoint.id(), 3, T0)).isFalse();
    assertThat(endpoints.recordDead(endpoint.id(), 3, T0)).isFalse();
    assertThat(endpoints.recordDead(endpoint.id(), 3, T0)).isTrue();

    WebhookEndpoint disabled = endpoints.findById(endpoint.id()).orElseThrow();
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.disabledReason()).contains("3 deliveries in a row");
    deliveries.insertNew(List.of(delivery(endpoint, T0)));
    assertThat(deliveries.claimDue("node-1", T0, T0.plus(LEASE), 10)).isEmpty();

    WebhookEndpoint enabled =
        endpoints
            .update(
                new WebhookEndpoint(
                    disabled.id(),
                    disabled.owner(),
                    disabled.url(),
                    disabled.description(),
                    disabled.events(),
                    disabled.secret(),
                    null,
                    null,
                    disabled.apiBaseUrl(),
                    true,
                    null,
                    disabled.deadInARow(),
                    disabled.createdAt(),
                    disabled.updatedAt()),
                T0)
            .orElseThrow();
    assertThat(enabled.deadInARow()).isZero();
    assertThat(enabled.disabledReason()).isNull();
    assertThat(deliveries.claimDue("node-1", T0, T0.plus(LEASE), 10)).hasSize(1);

    assertThat(endpoints.disable(endpoint.id(), "answered 410 Gone", T0)).isTrue();
    assertThat(endpoints.disable(endpoint.id(), "answered 410 Gone", T0)).isFalse();
  }

  private static WebhookEndpoint endpoint(String owner) {
    return WebhookEndpoint.created(
        owner,
        "https://hooks.example/in",
        "first",
        List.of("job.succeeded", "job.failed"),
        "whsec_c2VjcmV0",
        "http://127.0.0.1:8080",
        T0);
  }

  private static WebhookDelivery delivery(WebhookEndpoint endpoint, Instant due) {
    WebhookDelivery pending =
        WebhookDelivery.pending(
            endpoint.id(), "msg_" + UUID.randomUUID(), "job.succeeded", "{\"a\":1}", T0);
    return new WebhookDelivery(
        pending.id(),
        pending.endpointId(),
        pending.eventId(),
        pending.eventType(),
        pending.payload(),
        pending.status(),
        0,
        due,
        null,
        null,
        null,
        T0);
  }
}
