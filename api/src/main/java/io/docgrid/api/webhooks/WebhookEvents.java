package io.docgrid.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.sql.WebhookDeliveryRepository;
import io.docgrid.sql.WebhookEndpointRepository;
import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.model.WebhookEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Publishes events: one delivery per endpoint that receives the event, recorded in the ledger
 * before anything is sent, then handed to the dispatcher. The one way in for every event type (jobs
 * here; batches and tests through the same call).
 */
public final class WebhookEvents {

  private final WebhookEndpointRepository endpoints;
  private final WebhookDeliveryRepository deliveries;
  private final ObjectMapper json;
  private final Runnable dispatchNow;
  private final Clock clock;

  /**
   * @param dispatchNow asks the dispatcher to look at the ledger now rather than at its next round
   */
  public WebhookEvents(
      WebhookEndpointRepository endpoints,
      WebhookDeliveryRepository deliveries,
      ObjectMapper json,
      Runnable dispatchNow,
      Clock clock) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.json = json;
    this.dispatchNow = dispatchNow;
    this.clock = clock;
  }

  /**
   * Records a new event {@code type}, happening now, for each enabled endpoint of {@code tenant}
   * that subscribed to it, and for each of {@code endpointIds} that is the tenant's, whatever it
   * subscribed to; every endpoint once. Ids that are not the tenant's endpoints are ignored.
   *
   * @param data the event's {@code data}, given the base URL ({@code scheme://host[:port]}) its
   *     links should use: the one the endpoint was created through
   * @return the deliveries recorded, one per endpoint
   */
  public List<WebhookDelivery> publish(
      String tenant, String type, Function<String, Object> data, Collection<UUID> endpointIds) {
    String eventId = "msg_" + UUID.randomUUID().toString().replace("-", "");
    return publishOnce(tenant, type, eventId, clock.instant(), data, endpointIds);
  }

  /**
   * Records an event that may be published more than once, as {@link #publish} does, but under
   * {@code eventId}: an endpoint that has it already does not get it again, and endpoints created
   * after {@code occurredAt} do not get it at all.
   *
   * @return the deliveries this call recorded
   */
  public List<WebhookDelivery> publishOnce(
      String tenant,
      String type,
      String eventId,
      Instant occurredAt,
      Function<String, Object> data,
      Collection<UUID> endpointIds) {
    Objects.requireNonNull(type, "type");
    Instant now = clock.instant();
    List<WebhookDelivery> due =
        endpoints.listOwned(tenant).stream()
            .filter(WebhookEndpoint::enabled)
            .filter(endpoint -> !endpoint.createdAt().isAfter(occurredAt))
            .filter(endpoint -> endpoint.subscribesTo(type) || endpointIds.contains(endpoint.id()))
            .map(
                endpoint ->
                    WebhookDelivery.pending(
                        endpoint.id(),
                        eventId,
                        type,
                        payload(type, occurredAt, data.apply(endpoint.apiBaseUrl())),
                        now))
            .toList();
    List<WebhookDelivery> recorded = due.isEmpty() ? List.of() : deliveries.insertNew(due);
    if (!recorded.isEmpty()) {
      dispatchNow.run();
    }
    return recorded;
  }

  /**
   * The id of the event that {@code parts} (such as a job's id, the event type and when it
   * happened) name: the same whoever computes it, so that an event published twice is one event.
   */
  public static String eventIdOf(Object... parts) {
    String name = Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining("|"));
    return "msg_"
        + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
  }

  /** Asks the dispatcher to look at the ledger now, e.g. after a redelivery was asked for. */
  public void dispatchNow() {
    dispatchNow.run();
  }

  private String payload(String type, Instant occurredAt, Object data) {
    ObjectNode body = json.createObjectNode();
    body.put("type", type);
    body.put("timestamp", occurredAt.toString());
    body.set("data", json.valueToTree(data));
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
