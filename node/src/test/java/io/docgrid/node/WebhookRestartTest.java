package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery ledger survives a restart: an event is received once, however the tries fell. */
class WebhookRestartTest {

  @Test
  void a_jobs_event_is_received_exactly_once_after_a_restart_in_the_middle_of_its_retries(
      @TempDir Path temp) throws Exception {
    NodeConfig config = WebhooksTest.config(temp.resolve("data"), TestNodeConfig.EMBEDDED, true);
    try (WebhookReceiver receiver = new WebhookReceiver(3000).then(500)) {
      String webhookId;
      String secret;
      String jobId;
      try (TestNode first = TestNode.start(config)) {
        // Subscribed to failures only: the job names the endpoint for its own events.
        JsonNode webhook =
            WebhooksTest.createWebhook(first.http, receiver.url(), "[\"job.failed\"]");
        webhookId = webhook.get("id").asText();
        secret = webhook.get("secret").asText();
        jobId =
            json(first.http.submit(
                    "note.txt",
                    "delivered once".getBytes(StandardCharsets.UTF_8),
                    "{\"webhooks\":[\"" + webhookId + "\"]}"))
                .get("id")
                .asText();
        assertThat(first.http.awaitFinished(jobId, Duration.ofMinutes(2)).get("status").asText())
            .isEqualTo("succeeded");
        Eventually.await(
            "a failed first try", WebhooksTest.WAIT, receiver::received, got -> !got.isEmpty());
      }
      receiver.then(200);

      try (TestNode second = TestNode.start(config)) {
        JsonNode delivery =
            Eventually.await(
                "the delivery, after the restart",
                WebhooksTest.WAIT,
                () ->
                    json(second.http.get("/api/v1/webhooks/" + webhookId + "/deliveries"))
                        .get("items")
                        .get(0),
                found -> found.get("status").asText().equals("succeeded"));

        List<WebhookReceiver.Received> received = receiver.received();
        String eventId = delivery.get("eventId").asText();
        assertThat(received).extracting(WebhookReceiver.Received::id).containsOnly(eventId);
        assertThat(received).filteredOn(got -> got.answer() == 200).hasSize(1);
        assertThat(received).filteredOn(got -> got.answer() == 500).isNotEmpty();
        assertThat(received).allSatisfy(got -> assertThat(got.signedWith(secret)).isTrue());
        JsonNode event = json(received.get(received.size() - 1).body());
        assertThat(event.get("type").asText()).isEqualTo("job.succeeded");
        assertThat(event.at("/data/id").asText()).isEqualTo(jobId);
        assertThat(event.at("/data/status").asText()).isEqualTo("succeeded");
        assertThat(event.at("/data/links/self").asText()).endsWith("/api/v1/jobs/" + jobId);
        assertThat(delivery.get("attempts").asInt()).isBetween(2, received.size());
      }
    }
  }
}
