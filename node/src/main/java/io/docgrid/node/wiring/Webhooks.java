package io.docgrid.node.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.engine.JobEndListener;
import io.docgrid.api.jobs.JobOptions;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.outbound.OutboundClient;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.api.webhooks.JobWebhooks;
import io.docgrid.api.webhooks.WebhookDispatcher;
import io.docgrid.api.webhooks.WebhookEvents;
import io.docgrid.api.webhooks.WebhookMetrics;
import io.docgrid.api.webhooks.WebhookRoutes;
import io.docgrid.api.webhooks.WebhookSigner;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.sql.Database;
import io.docgrid.sql.WebhookDeliveryRepository;
import io.docgrid.sql.WebhookEndpointRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.apache.ignite.Ignite;

/**
 * Builds the webhook parts on the node's outbound client: the ledger, the dispatcher (started last,
 * once the node serves), the events the job engine publishes and the routes.
 */
record Webhooks(
    WebhookEndpointRepository endpoints,
    WebhookDeliveryRepository deliveries,
    OutboundClient outbound,
    WebhookDispatcher dispatcher,
    WebhookEvents events,
    JobEndListener jobEndings,
    Clock clock) {

  // A try takes at most a connect and a read timeout; the margin covers recording it.
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

  static Webhooks prepare(
      RunningNode.Builder node,
      Database database,
      Ignite ignite,
      OutboundClient outbound,
      NodeConfig.OutboundConfig config,
      ObjectMapper json,
      ApiMetrics metrics,
      JobOptions jobOptions,
      Clock clock) {
    WebhookEndpointRepository endpoints = new WebhookEndpointRepository(database.dsl());
    WebhookDeliveryRepository deliveries = new WebhookDeliveryRepository(database.dsl());
    WebhookDispatcher dispatcher =
        node.add(
            new WebhookDispatcher(
                deliveries,
                endpoints,
                outbound,
                new WebhookDispatcher.Settings(
                    config.webhookRetries(),
                    config.webhookDisableAfter(),
                    config.timeout().multipliedBy(2).plus(LEASE_MARGIN)),
                ignite.cluster().localNode().id().toString(),
                new WebhookMetrics().register(metrics.registry()),
                clock));
    WebhookEvents events =
        new WebhookEvents(endpoints, deliveries, json, dispatcher::dispatchNow, clock);
    return new Webhooks(
        endpoints,
        deliveries,
        outbound,
        dispatcher,
        events,
        new JobWebhooks(events, jobOptions::webhooksOf),
        clock);
  }

  WebhookRoutes routes(RequestValidator validator) {
    return new WebhookRoutes(
        endpoints,
        deliveries,
        events,
        new WebhookSigner(new SecureRandom()),
        outbound,
        validator,
        clock);
  }
}
