package io.docgrid.api.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.api.ApiJson;
import io.docgrid.api.webhooks.JobWebhooks;
import io.docgrid.api.webhooks.WebhookEventTypes;
import io.docgrid.api.webhooks.WebhookEvents;
import io.docgrid.sql.Database;
import io.docgrid.sql.DatabaseSettings;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.WebhookDeliveryRepository;
import io.docgrid.sql.WebhookEndpointRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.NewJob;
import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.model.WebhookEndpoint;
import io.docgrid.testkit.PostgresSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Endings that a node recorded and did not tell (it stopped, or a listener failed) are told by the
 * sweep, once, with the same event a telling by the node would have made; on H2 and PostgreSQL.
 */
class JobEndingsTest {

  private static final String OWNER = "key:" + UUID.randomUUID();

  @TempDir Path temp;

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private final Instant endedLongAgo = now.minus(Duration.ofMinutes(2));
  private PostgresSchema schema;
  private Database database;
  private JobRepository jobs;
  private WebhookEndpointRepository endpoints;
  private WebhookDeliveryRepository deliveries;
  private JobWebhooks webhooks;

  private void open(String databaseKind) throws Exception {
    schema = databaseKind.equals("h2") ? null : PostgresSchema.named();
    database =
        new Database(
            schema == null
                ? DatabaseSettings.embedded(temp.resolve("db"))
                : new DatabaseSettings(
                    schema.serverUrl(), schema.user(), schema.password(), 4, schema.schema()));
    jobs = new JobRepository(database.dsl());
    endpoints = new WebhookEndpointRepository(database.dsl());
    deliveries = new WebhookDeliveryRepository(database.dsl());
    WebhookEvents events =
        new WebhookEvents(endpoints, deliveries, ApiJson.newMapper(), () -> {}, Clock.systemUTC());
    webhooks = new JobWebhooks(events, job -> List.of());
  }

  @AfterEach
  void close() throws Exception {
    if (database != null) {
      database.close();
    }
    if (schema != null) {
      schema.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void the_sweep_tells_an_ending_its_node_never_told_once_and_as_the_node_would_have(
      String databaseKind) throws Exception {
    open(databaseKind);
    WebhookEndpoint endpoint = endpoint(now.minus(Duration.ofHours(1)));
    WebhookEndpoint createdSince = endpoint(now.minus(Duration.ofSeconds(30)));
    JobEndings endings = new JobEndings(jobs, List.of(webhooks), Clock.systemUTC());
    Job told = failed(endedLongAgo);
    endings.jobEnded(told);
    endings.recordTold();
    Job untold = failed(endedLongAgo); // its node stopped before telling
    failed(now); // its node may be telling it right now
    failed(now.minus(Duration.ofDays(2))); // too old to be news

    assertThat(endings.sweep()).isEqualTo(1);
    assertThat(endings.sweep()).isZero();
    endings.jobEnded(told); // told twice: still one event

    List<WebhookDelivery> received = deliveries.listForEndpoint(endpoint.id(), 10);
    assertThat(received).hasSize(2);
    assertThat(received).extracting(WebhookDelivery::eventType).containsOnly("job.failed");
    assertThat(received)
        .extracting(delivery -> delivery.payload().contains(untold.id().toString()))
        .containsExactlyInAnyOrder(true, false);
    assertThat(deliveries.listForEndpoint(createdSince.id(), 10))
        .as("an endpoint created after the jobs ended")
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void an_ending_a_listener_failed_to_take_stays_untold_until_the_sweep_tells_it_again(
      String databaseKind) throws Exception {
    open(databaseKind);
    WebhookEndpoint endpoint = endpoint(now.minus(Duration.ofHours(1)));
    AtomicInteger calls = new AtomicInteger();
    JobEndListener failsFirst =
        job -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("the database went away");
          }
        };
    JobEndings endings = new JobEndings(jobs, List.of(webhooks, failsFirst), Clock.systemUTC());
    Job job = failed(endedLongAgo);

    endings.jobEnded(job);
    endings.recordTold();
    assertThat(jobs.findEndedUntold(now.minus(Duration.ofHours(1)), now, 10))
        .extracting(Job::id)
        .containsExactly(job.id());
    assertThat(endings.sweep()).isEqualTo(1);

    assertThat(calls).hasValue(2);
    assertThat(jobs.findEndedUntold(now.minus(Duration.ofHours(1)), now, 10)).isEmpty();
    assertThat(deliveries.listForEndpoint(endpoint.id(), 10))
        .singleElement()
        .satisfies(delivery -> assertThat(delivery.payload()).contains(job.id().toString()));
  }

  private Job failed(Instant at) {
    Job job =
        jobs.insertQueued(
            new NewJob(
                UUID.randomUUID(),
                "0".repeat(64),
                "ended.txt",
                "text/plain",
                12,
                "{}",
                "req-endings",
                at.minusSeconds(5),
                OWNER,
                "FREE"));
    jobs.markFailed(job.id(), "DOCUMENT_CORRUPT", "broken", at);
    return jobs.findById(job.id()).orElseThrow();
  }

  private WebhookEndpoint endpoint(Instant createdAt) {
    WebhookEndpoint endpoint =
        WebhookEndpoint.created(
            OWNER,
            "https://hooks.example/in",
            null,
            WebhookEventTypes.SUBSCRIBABLE,
            "whsec_c2VjcmV0",
            "http://127.0.0.1:8080",
            createdAt);
    endpoints.insert(endpoint);
    return endpoint;
  }
}
