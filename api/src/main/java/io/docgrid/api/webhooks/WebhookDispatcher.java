package io.docgrid.api.webhooks;

import io.docgrid.api.outbound.OutboundClient;
import io.docgrid.sql.WebhookDeliveryRepository;
import io.docgrid.sql.WebhookEndpointRepository;
import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.model.WebhookEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the ledger says is due. Every round (each poll interval, and at once when an event is
 * published) it claims due deliveries on a lease, tries each, and records the outcome while it
 * holds the lease: success; a failure, due again by the {@link RetrySchedule}; or death, which
 * counts against the endpoint (disabled after {@code disableAfter} in a row, or at once on 410). A
 * node that stops mid-try leaves a lease that lapses, and any node tries the delivery again: a
 * delivery is sent at least once, and never again once a success is recorded.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int SENDERS = 4;
  private static final int CLAIM_BATCH = 32;
  private static final Duration MAX_POLL = Duration.ofSeconds(1);
  private static final Duration MIN_POLL = Duration.ofMillis(50);

  /**
   * @param lease how long a node holds a delivery it is trying: longer than a try can take
   */
  public record Settings(RetrySchedule schedule, int disableAfter, Duration lease) {

    /** Often enough that the first retry is not late by more than a third of its delay. */
    Duration pollInterval() {
      Duration third = schedule.firstDelay().dividedBy(3);
      return third.compareTo(MAX_POLL) > 0
          ? MAX_POLL
          : third.compareTo(MIN_POLL) < 0 ? MIN_POLL : third;
    }
  }

  private final WebhookDeliveryRepository deliveries;
  private final WebhookEndpointRepository endpoints;
  private final WebhookSender sender;
  private final Settings settings;
  private final String nodeId;
  private final WebhookMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService rounds;
  private final ExecutorService senders;

  public WebhookDispatcher(
      WebhookDeliveryRepository deliveries,
      WebhookEndpointRepository endpoints,
      OutboundClient client,
      Settings settings,
      String nodeId,
      WebhookMetrics metrics,
      Clock clock) {
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.sender = new WebhookSender(client);
    this.settings = settings;
    this.nodeId = nodeId;
    this.metrics = metrics;
    this.clock = clock;
    this.rounds = Executors.newSingleThreadScheduledExecutor(daemon("docgrid-webhook-rounds"));
    this.senders = Executors.newFixedThreadPool(SENDERS, daemon("docgrid-webhook-sender"));
  }

  public WebhookDispatcher start() {
    long every = settings.pollInterval().toMillis();
    rounds.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Looks at the ledger now, e.g. right after an event was recorded. */
  public void dispatchNow() {
    if (!rounds.isShutdown()) {
      rounds.execute(this::round);
    }
  }

  private void round() {
    try {
      Instant now = clock.instant();
      List<WebhookDelivery> claimed =
          deliveries.claimDue(nodeId, now, now.plus(settings.lease()), CLAIM_BATCH);
      for (WebhookDelivery delivery : claimed) {
        senders.execute(() -> attempt(delivery));
      }
    } catch (RuntimeException e) {
      // The database may be away for a while; the next round tries again.
      log.warn("could not claim webhook deliveries: {}", e.toString());
    }
  }

  private void attempt(WebhookDelivery delivery) {
    try {
      Optional<WebhookEndpoint> endpoint = endpoints.findById(delivery.endpointId());
      if (endpoint.isEmpty()) {
        return; // deleted meanwhile, and its deliveries with it
      }
      WebhookSender.Attempt attempt = sender.send(endpoint.get(), delivery, clock.instant());
      record(endpoint.get(), delivery, attempt);
    } catch (RuntimeException e) {
      log.warn("webhook delivery {} not recorded: {}", delivery.id(), e.toString());
    }
  }

  private void record(
      WebhookEndpoint endpoint, WebhookDelivery delivery, WebhookSender.Attempt attempt) {
    Instant now = clock.instant();
    if (attempt.succeeded()) {
      if (deliveries.markSucceeded(delivery.id(), nodeId, attempt.status(), now)) {
        endpoints.recordDelivered(endpoint.id());
        metrics.tried("succeeded");
      }
      return;
    }
    Optional<Instant> next =
        attempt.gone()
            ? Optional.empty()
            : settings
                .schedule()
                .delayAfter(delivery.attempts() + 1, ThreadLocalRandom.current())
                .map(now::plus);
    if (!deliveries.markFailed(
        delivery.id(), nodeId, attempt.status(), attempt.error(), now, next.orElse(null))) {
      return;
    }
    if (next.isPresent()) {
      metrics.tried("retrying");
      return;
    }
    metrics.tried("dead");
    log.warn(
        "webhook delivery {} to endpoint {} is dead after {} tries: {}",
        delivery.id(),
        endpoint.id(),
        delivery.attempts() + 1,
        attempt.error());
    boolean disabled =
        attempt.gone()
            ? endpoints.disable(endpoint.id(), "the endpoint answered 410 Gone", now)
            : endpoints.recordDead(endpoint.id(), settings.disableAfter(), now);
    if (disabled) {
      log.warn("webhook endpoint {} disabled", endpoint.id());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    rounds.shutdownNow();
    senders.shutdownNow();
    try {
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
