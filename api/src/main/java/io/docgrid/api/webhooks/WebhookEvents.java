package io.docgrid.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.sql.WebhookDeliveryRepository;
import io.docgrid.sql.WebhookEndpointRepository;
import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.model.WebhookEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

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
   * Records event {@code type} for each enabled endpoint of {@code tenant} that subscribed to it,
   * and for each of {@code endpointIds} that is the tenant's, whatever it subscribed to; every
   * endpoint once. Ids that are not the tenant's endpoints are ignored.
   *
   * @param data the event's {@code data}, given the base URL ({@code scheme://host[:port]}) its
   *     links should use: the one the endpoint was created through
   * @return the deliveries recorded, one per endpoint
   */
  public List<WebhookDelivery> publish(
      String tenant, String type, Function<String, Object> data, Collection<UUID> endpointIds) {
    Objects.requireNonNull(type, "type");
    Instant now = clock.instant();
    String eventId = "msg_" + UUID.randomUUID().toString().replace("-", "");
    List<WebhookDelivery> recorded =
        endpoints.listOwned(tenant).stream()
            .filter(WebhookEndpoint::enabled)
            .filter(endpoint -> endpoint.subscribesTo(type) || endpointIds.contains(endpoint.id()))
            .map(
                endpoint ->
                    WebhookDelivery.pending(
                        endpoint.id(),
                        eventId,
                        type,
                        payload(type, now, data.apply(endpoint.apiBaseUrl())),
                        now))
            .toList();
    if (!recorded.isEmpty()) {
      deliveries.insertAll(recorded);
      dispatchNow.run();
    }
    return recorded;
  }

  /** Asks the dispatcher to look at the ledger now, e.g. after a redelivery was asked for. */
  public void dispatchNow() {
    dispatchNow.run();
  }

  private String payload(String type, Instant now, Object data) {
    ObjectNode body = json.createObjectNode();
    body.put("type", type);
    body.put("timestamp", now.toString());
    body.set("data", json.valueToTree(data));
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
