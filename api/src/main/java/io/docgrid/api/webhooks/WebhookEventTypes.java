package io.docgrid.api.webhooks;

import java.util.List;

/** The event types, as their {@code type} field names them. A contract: added, never renamed. */
public final class WebhookEventTypes {

  public static final String JOB_SUCCEEDED = "job.succeeded";
  public static final String JOB_FAILED = "job.failed";
  public static final String JOB_CANCELLED = "job.cancelled";
  public static final String BATCH_COMPLETED = "batch.completed";

  /** Sent by {@code POST /api/v1/webhooks/{id}/test}, whatever the endpoint subscribed to. */
  public static final String WEBHOOK_TEST = "webhook.test";

  /** What an endpoint may subscribe to. */
  public static final List<String> SUBSCRIBABLE =
      List.of(JOB_SUCCEEDED, JOB_FAILED, JOB_CANCELLED, BATCH_COMPLETED);

  private WebhookEventTypes() {}
}
