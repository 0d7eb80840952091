package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.api.outbound.OutboundAllowList;
import io.docgrid.api.webhooks.RetrySchedule;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.testkit.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed webhooks against a real receiver on 127.0.0.1, which the node may reach because {@code
 * --outbound-allow 127.0.0.1} says so; retries on a short schedule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksTest {

  static final Duration TIMEOUT = Duration.ofSeconds(1);
  static final Duration FIRST_RETRY = Duration.ofMillis(400);
  static final Duration WAIT = Duration.ofSeconds(30);

  private TestNode node;
  private WebhookReceiver receiver;

  /** The usual test node, allowed to reach 127.0.0.1, retrying after 0.4 s, 0.8 s, 1.6 s … */
  static NodeConfig config(Path data, NodeConfig.DbConfig db, boolean compute) {
    return TestNodeConfig.in(data)
        .database(db)
        .compute(compute)
        .outbound(
            new NodeConfig.OutboundConfig(
                OutboundAllowList.of(List.of("127.0.0.1")),
                TIMEOUT,
                new RetrySchedule(FIRST_RETRY, Duration.ofSeconds(5), 6),
                2))
        .build();
  }

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    node = TestNode.start(config(temp.resolve("data"), TestNodeConfig.EMBEDDED, false));
    receiver = new WebhookReceiver(TIMEOUT.multipliedBy(3).toMillis());
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  static JsonNode createWebhook(HttpApi api, String url, String events) throws Exception {
    HttpResponse<String> created =
        api.postJson(
            "/api/v1/webhooks",
            "{\"url\":\"" + url + "\",\"events\":" + events + ",\"description\":\"test\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created);
  }

  private JsonNode awaitDelivery(String webhookId, String deliveryId, String status)
      throws Exception {
    return Eventually.await(
        "delivery " + deliveryId + " " + status,
        WAIT,
        () -> {
          for (JsonNode delivery :
              json(node.http.get("/api/v1/webhooks/" + webhookId + "/deliveries")).get("items")) {
            if (delivery.get("id").asText().equals(deliveryId)) {
              return delivery;
            }
          }
          return null;
        },
        delivery -> delivery != null && delivery.get("status").asText().equals(status));
  }

  @Test
  void a_delivery_is_signed_and_retried_after_errors_and_timeouts_with_growing_delays()
      throws Exception {
    JsonNode webhook = createWebhook(node.http, receiver.url(), "[\"job.succeeded\"]");
    String secret = webhook.get("secret").asText();
    String webhookId = webhook.get("id").asText();
    receiver.answer(500, 503, WebhookReceiver.STALL, 200);

    HttpResponse<String> test = node.http.postJson("/api/v1/webhooks/" + webhookId + "/test", "");
    assertThat(test.statusCode()).as(test.body()).isEqualTo(202);
    String eventId = json(test).get("eventId").asText();
    JsonNode delivered = awaitDelivery(webhookId, json(test).get("id").asText(), "succeeded");

    List<WebhookReceiver.Received> tries = receiver.receivedWith(eventId);
    assertThat(tries)
        .extracting(WebhookReceiver.Received::answer)
        .containsExactly(500, 503, WebhookReceiver.STALL, 200);
    assertThat(tries).allSatisfy(received -> assertThat(received.signedWith(secret)).isTrue());
    assertThat(json(tries.get(0).body()).get("type").asText()).isEqualTo("webhook.test");
    assertThat(json(tries.get(0).body()).at("/data/webhookId").asText()).isEqualTo(webhookId);
    long now = Instant.now().getEpochSecond();
    assertThat(Long.parseLong(tries.get(0).timestamp())).isBetween(now - 60, now);
    long first = tries.get(1).arrivedNanos() - tries.get(0).arrivedNanos();
    long second = tries.get(2).arrivedNanos() - tries.get(1).arrivedNanos();
    long third = tries.get(3).arrivedNanos() - tries.get(2).arrivedNanos();
    assertThat(Duration.ofNanos(first))
        .isGreaterThanOrEqualTo(FIRST_RETRY.multipliedBy(4).dividedBy(5));
    assertThat(second).isGreaterThan(first);
    assertThat(third)
        .as("the stalled try's timeout, then a longer delay")
        .isGreaterThan(second + TIMEOUT.toNanos());
    assertThat(delivered.get("attempts").asInt()).isEqualTo(4);
    assertThat(delivered.get("lastStatusCode").asInt()).isEqualTo(200);
    assertThat(delivered.get("nextAttemptAt").isNull()).isTrue();
    assertThat(node.http.get("/api/v1/metrics").body())
        .contains("docgrid_webhook_deliveries_total{outcome=\"retrying\",}")
        .contains("docgrid_webhook_deliveries_total{outcome=\"succeeded\",}");

    // A redelivery sends the same event again, with the same webhook-id.
    HttpResponse<String> again =
        node.http.postJson(
            "/api/v1/webhooks/deliveries/" + delivered.get("id").asText() + "/redeliver", "");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    Eventually.await(
        "the redelivery", WAIT, () -> receiver.receivedWith(eventId), got -> got.size() == 5);
    awaitDelivery(webhookId, delivered.get("id").asText(), "succeeded");
  }

  @Test
  void during_a_rotation_the_old_and_the_new_secret_both_sign() throws Exception {
    JsonNode webhook = createWebhook(node.http, receiver.url(), "[\"job.failed\"]");
    String webhookId = webhook.get("id").asText();
    String oldSecret = webhook.get("secret").asText();

    HttpResponse<String> rotated =
        node.http.postJson("/api/v1/webhooks/" + webhookId + "/rotate-secret", "");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    String newSecret = json(rotated).get("secret").asText();
    String eventId =
        json(node.http.postJson("/api/v1/webhooks/" + webhookId + "/test", ""))
            .get("eventId")
            .asText();
    WebhookReceiver.Received received =
        Eventually.await(
                "the test event", WAIT, () -> receiver.receivedWith(eventId), got -> !got.isEmpty())
            .get(0);

    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
    assertThat(received.signatures().split(" ")).hasSize(2);
    assertThat(received.signedWith(newSecret)).isTrue();
    assertThat(received.signedWith(oldSecret)).isTrue();
    assertThat(received.signatures().split(" ")[0])
        .isEqualTo(
            "v1,"
                + WebhookReceiver.hmac(
                    newSecret, eventId + "." + received.timestamp() + "." + received.body()));
    Instant oldUntil =
        Instant.parse(
            json(node.http.get("/api/v1/webhooks/" + webhookId))
                .get("previousSecretExpiresAt")
                .asText());
    assertThat(oldUntil)
        .isBetween(
            Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
  }

  @Test
  void an_endpoint_that_answers_410_is_disabled_at_once_until_enabled_again() throws Exception {
    try (WebhookReceiver gone = new WebhookReceiver(1000).then(410)) {
      String webhookId =
          createWebhook(node.http, gone.url(), "[\"job.failed\"]").get("id").asText();
      String deliveryId =
          json(node.http.postJson("/api/v1/webhooks/" + webhookId + "/test", ""))
              .get("id")
              .asText();

      JsonNode dead = awaitDelivery(webhookId, deliveryId, "dead");

      assertThat(dead.get("attempts").asInt()).isEqualTo(1);
      assertThat(dead.get("lastStatusCode").asInt()).isEqualTo(410);
      JsonNode disabled = json(node.http.get("/api/v1/webhooks/" + webhookId));
      assertThat(disabled.get("enabled").asBoolean()).isFalse();
      assertThat(disabled.get("disabledReason").asText()).contains("410");
      problem(
          node.http.postJson("/api/v1/webhooks/" + webhookId + "/test", ""),
          409,
          "WEBHOOK_DISABLED");

      HttpResponse<String> enabled =
          node.http.patchJson("/api/v1/webhooks/" + webhookId, "{\"enabled\":true}");
      assertThat(json(enabled).get("enabled").asBoolean()).isTrue();
      assertThat(json(enabled).get("disabledReason").isNull()).isTrue();
    }
  }

  @Test
  void endpoints_are_the_tenants_own_and_urls_pass_the_outbound_guard() throws Exception {
    String webhookId =
        createWebhook(node.http, receiver.url(), "[\"job.failed\"]").get("id").asText();
    HttpApi other =
        node.http.as(
            json(node.http.postJson("/api/v1/keys", "{\"name\":\"other\",\"tier\":\"STANDARD\"}"))
                .get("key")
                .asText());

    problem(other.get("/api/v1/webhooks/" + webhookId), 404, "NOT_FOUND");
    problem(other.postJson("/api/v1/webhooks/" + webhookId + "/test", ""), 404, "NOT_FOUND");
    assertThat(json(other.get("/api/v1/webhooks")).get("items")).isEmpty();
    for (String refused :
        List.of(
            "http://10.0.0.1/hook",
            "http://169.254.169.254/latest",
            "http://[::ffff:192.168.0.1]/",
            "ftp://127.0.0.1/",
            "http://user:pass@127.0.0.1/")) {
      HttpResponse<String> created =
          node.http.postJson("/api/v1/webhooks", "{\"url\":\"" + refused + "\"}");
      problem(created, 400, "VALIDATION_FAILED");
      assertThat(created.body()).contains("url");
    }
    problem(
        node.http.postJson(
            "/api/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"events\":[\"job.done\"]}"),
        400,
        "VALIDATION_FAILED");
    assertThat(node.http.delete("/api/v1/webhooks/" + webhookId).statusCode()).isEqualTo(204);
    problem(node.http.get("/api/v1/webhooks/" + webhookId), 404, "NOT_FOUND");
  }
}
