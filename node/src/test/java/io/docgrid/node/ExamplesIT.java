package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.api.outbound.OutboundAllowList;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples in examples/, in four languages, each run as a user would against a node that may
 * send webhooks to 127.0.0.1, where the receivers listen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesIT {

  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private Path temp;
  private TestNode node;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    this.temp = temp;
    NodeConfig.OutboundConfig defaults = NodeConfig.OutboundConfig.defaults();
    node =
        TestNodeConfig.in(temp.resolve("data"))
            .compute(true)
            .outbound(
                new NodeConfig.OutboundConfig(
                    OutboundAllowList.of(List.of("127.0.0.1")),
                    defaults.timeout(),
                    defaults.webhookRetries(),
                    defaults.webhookDisableAfter()))
            .start();
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void every_example_submits_a_document_and_prints_its_text() throws Exception {
    for (List<String> example :
        inEachLanguage("submit.sh", "submit.py", "submit.mjs", "Submit.java")) {
      String sentence = "Example document " + UUID.randomUUID() + " for " + example.get(0) + ".";
      List<String> command = new ArrayList<>(example);
      command.add(Files.writeString(temp.resolve("example.txt"), sentence).toString());
      assertThat(ExternalCommand.succeeds(EXAMPLES, command, clientEnvironment()))
          .as(example.toString())
          .contains(sentence);
    }
  }

  @Test
  void every_batch_example_prints_the_text_of_each_document_in_order() throws Exception {
    for (List<String> example : inEachLanguage("batch.sh", "batch.py", "batch.mjs", "Batch.java")) {
      List<String> command = new ArrayList<>(example);
      List<String> sentences = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        String sentence = "Batch document " + i + " " + UUID.randomUUID() + ".";
        sentences.add(sentence);
        command.add(Files.writeString(temp.resolve("batch-" + i + ".txt"), sentence).toString());
      }
      assertThat(ExternalCommand.succeeds(EXAMPLES, command, clientEnvironment()))
          .as(example.toString())
          .containsSubsequence(sentences);
    }
  }

  @Test
  void every_webhook_receiver_prints_a_jobs_verified_event_and_refuses_forgeries()
      throws Exception {
    for (List<String> receiver :
        List.of(
            List.of("python3", example("receive_webhooks.py")),
            List.of("node", example("receive_webhooks.mjs")),
            List.of(JAVA, example("ReceiveWebhooks.java")))) {
      int port = FreePorts.block(1);
      String url = "http://127.0.0.1:" + port + "/";
      JsonNode endpoint = WebhooksTest.createWebhook(node.http, url, "[\"job.succeeded\"]");
      String webhook = "/api/v1/webhooks/" + endpoint.get("id").asText();
      String secret = endpoint.get("secret").asText();
      List<String> command = new ArrayList<>(receiver);
      command.add(Integer.toString(port));
      try (ExternalCommand.Running running =
          ExternalCommand.starts(
              EXAMPLES,
              command,
              Map.of("DOCGRID_WEBHOOK_SECRET", secret),
              temp.resolve("receiver.out"))) {
        awaitOutput(running, receiver + " listening", "listening on " + url);

        String jobId = submittedJob();
        awaitOutput(running, receiver + " printing the event", "\"type\":\"job.succeeded\"");
        assertThat(running.output()).as(receiver.toString()).contains("\"id\":\"" + jobId + "\"");
        Eventually.await(
            receiver + " answering the delivery with 2xx",
            WAIT,
            () -> json(node.http.get(webhook + "/deliveries")).at("/items/0/status").asText(),
            "succeeded"::equals);

        String event =
            "{\"type\":\"job.succeeded\",\"data\":{\"id\":\"" + UUID.randomUUID() + "\"}}";
        long now = Instant.now().getEpochSecond();
        assertThat(deliver(url, newSecret(), now, event))
            .as(receiver + ": signed with another secret")
            .isEqualTo(401);
        assertThat(deliver(url, secret, now - 600, event))
            .as(receiver + ": ten minutes old")
            .isEqualTo(401);
        assertThat(running.output()).doesNotContain(event);
      } finally {
        node.http.delete(webhook);
      }
    }
  }

  @Test
  void the_shell_verification_accepts_a_delivery_and_refuses_forgeries() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      JsonNode endpoint =
          WebhooksTest.createWebhook(node.http, receiver.url(), "[\"job.succeeded\"]");
      try {
        String secret = endpoint.get("secret").asText();
        String jobId = submittedJob();
        WebhookReceiver.Received delivery =
            Eventually.await(
                "the delivery of job " + jobId,
                WAIT,
                () ->
                    receiver.received().stream()
                        .filter(received -> received.body().contains(jobId))
                        .findFirst()
                        .orElse(null),
                received -> received != null);
        Path body = Files.writeString(temp.resolve("delivery.json"), delivery.body());
        Path changed = Files.writeString(temp.resolve("changed.json"), delivery.body() + " ");
        String forged =
            signature(newSecret(), delivery.id(), delivery.timestamp(), delivery.body());

        assertThat(shellVerification(secret, body, delivery, delivery.signatures()))
            .isEqualTo(new ExternalCommand.Finished(0, "verified\n"));
        assertThat(shellVerification(secret, body, delivery, forged).exitValue())
            .as("signed with another secret")
            .isEqualTo(1);
        assertThat(shellVerification(secret, changed, delivery, delivery.signatures()).exitValue())
            .as("a body changed after signing")
            .isEqualTo(1);
      } finally {
        node.http.delete("/api/v1/webhooks/" + endpoint.get("id").asText());
      }
    }
  }

  private Map<String, String> clientEnvironment() {
    return Map.of("DOCGRID_URL", node.http.base, "DOCGRID_API_KEY", node.adminKey);
  }

  /** The commands that run the example in each language: shell, Python, JavaScript, Java. */
  private static List<List<String>> inEachLanguage(
      String shell, String python, String javascript, String java) {
    return List.of(
        List.of("bash", example(shell)),
        List.of("python3", example(python)),
        List.of("node", example(javascript)),
        List.of(JAVA, example(java)));
  }

  private static String example(String name) {
    return EXAMPLES.resolve(name).toString();
  }

  /** The id of a job submitted now, of a document of its own. */
  private String submittedJob() throws Exception {
    HttpResponse<String> submitted =
        node.http.submit(
            "webhook.txt",
            ("Webhook document " + UUID.randomUUID() + ".").getBytes(StandardCharsets.UTF_8),
            null);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    return json(submitted).get("id").asText();
  }

  private static void awaitOutput(ExternalCommand.Running running, String what, String expected)
      throws Exception {
    Eventually.await(what, WAIT, running::output, output -> output.contains(expected));
  }

  /** The status a delivery of {@code event}, signed with {@code secret}, is answered with. */
  private static int deliver(String url, String secret, long timestamp, String event)
      throws Exception {
    String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
    HttpRequest delivery =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signature(secret, id, Long.toString(timestamp), event))
            .POST(HttpRequest.BodyPublishers.ofString(event))
            .build();
    return HttpClient.newHttpClient()
        .send(delivery, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** What examples/verify_webhook.sh says of {@code body} delivered with {@code signatures}. */
  private static ExternalCommand.Finished shellVerification(
      String secret, Path body, WebhookReceiver.Received delivery, String signatures)
      throws Exception {
    return ExternalCommand.runs(
        EXAMPLES,
        List.of(
            "bash",
            example("verify_webhook.sh"),
            body.toString(),
            delivery.id(),
            delivery.timestamp(),
            signatures),
        Map.of("DOCGRID_WEBHOOK_SECRET", secret));
  }

  /** A Standard Webhooks v1 signature. */
  private static String signature(String secret, String id, String timestamp, String body) {
    return "v1," + WebhookReceiver.hmac(secret, id + "." + timestamp + "." + body);
  }

  private static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
