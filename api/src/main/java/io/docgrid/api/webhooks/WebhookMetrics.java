package io.docgrid.api.webhooks;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;

/** Webhook delivery tries by outcome: {@code succeeded}, {@code retrying} or {@code dead}. */
public final class WebhookMetrics {

  private final Counter deliveries =
      Counter.build()
          .name("docgrid_webhook_deliveries_total")
          .help(
              "Webhook delivery tries by outcome: succeeded, retrying (failed, tried again) or dead")
          .labelNames("outcome")
          .create();

  public WebhookMetrics register(CollectorRegistry registry) {
    deliveries.register(registry);
    return this;
  }

  void tried(String outcome) {
    deliveries.labels(outcome).inc();
  }
}
