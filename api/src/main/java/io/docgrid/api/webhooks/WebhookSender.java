package io.docgrid.api.webhooks;

import io.docgrid.api.outbound.OutboundClient;
import io.docgrid.api.outbound.OutboundRefusedException;
import io.docgrid.api.outbound.OutboundRequest;
import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.model.WebhookEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Makes one try of a delivery: a signed POST through the outbound guard. */
final class WebhookSender {

  /** What a try came to: the answer's status (null when there was none) and what went wrong. */
  record Attempt(Integer status, String error) {

    boolean succeeded() {
      return status != null && status >= 200 && status < 300;
    }

    /** 410 Gone: the receiver says the endpoint is no more. */
    boolean gone() {
      return status != null && status == 410;
    }
  }

  // Enough of an answer to show in the ledger; the rest is not read.
  private static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final OutboundClient client;

  WebhookSender(OutboundClient client) {
    this.client = client;
  }

  Attempt send(WebhookEndpoint endpoint, WebhookDelivery delivery, Instant now) {
    long timestamp = now.getEpochSecond();
    Map<String, String> headers =
        Map.of(
            "Content-Type", "application/json",
            "webhook-id", delivery.eventId(),
            "webhook-timestamp", Long.toString(timestamp),
            "webhook-signature",
                WebhookSigner.signatures(
                    endpoint.signingSecrets(now),
                    delivery.eventId(),
                    timestamp,
                    delivery.payload()));
    try {
      return client.send(
          OutboundRequest.post(
              endpoint.url(), headers, delivery.payload().getBytes(StandardCharsets.UTF_8)),
          response -> {
            drain(response.body());
            return new Attempt(
                response.status(),
                response.status() >= 200 && response.status() < 300
                    ? null
                    : "answered HTTP " + response.status());
          });
    } catch (OutboundRefusedException e) {
      return new Attempt(null, "refused: " + e.getMessage());
    } catch (IOException e) {
      return new Attempt(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void drain(InputStream body) throws IOException {
    body.readNBytes(MAX_ANSWER_BYTES);
  }
}
