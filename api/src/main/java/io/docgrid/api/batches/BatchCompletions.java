package io.docgrid.api.batches;

import io.docgrid.api.engine.JobEndListener;
import io.docgrid.api.http.RequestOrigin;
import io.docgrid.api.webhooks.WebhookEventTypes;
import io.docgrid.api.webhooks.WebhookEvents;
import io.docgrid.sql.BatchRepository;
import io.docgrid.sql.model.Batch;
import io.docgrid.sql.model.Job;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes batches: told of every job's end, it marks the job's batch complete when that was its
 * last job, and publishes {@code batch.completed} with the batch as {@code GET} shows it. The mark
 * is one conditional update, so exactly one node completes a batch, and the event has an id of the
 * batch's, so that however many nodes publish it each endpoint receives it once; a batch whose jobs
 * all ended before it was sealed completes at its sealing.
 */
public final class BatchCompletions implements JobEndListener {

  private static final Logger log = LoggerFactory.getLogger(BatchCompletions.class);

  static final int EVENT_PAGE_SIZE = 20;

  private final BatchRepository batches;
  private final WebhookEvents events;
  private final Clock clock;

  public BatchCompletions(BatchRepository batches, WebhookEvents events, Clock clock) {
    this.batches = batches;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void jobEnded(Job job) {
    if (job.batchId() != null) {
      completeIfEnded(job.batchId());
    }
  }

  /**
   * Completes the batch if every one of its jobs has ended, and tells its owner's endpoints; told
   * again of a completed batch, it publishes the same event, which no endpoint receives twice.
   */
  void completeIfEnded(UUID batchId) {
    boolean completedNow = batches.completeIfEnded(batchId, clock.instant());
    Batch batch = batches.findById(batchId).orElseThrow();
    if (batch.completedAt() == null) {
      return;
    }
    if (completedNow) {
      log.info("batch {} completed", batchId);
    }
    events.publishOnce(
        batch.owner(),
        WebhookEventTypes.BATCH_COMPLETED,
        WebhookEvents.eventIdOf("batch", batchId, WebhookEventTypes.BATCH_COMPLETED),
        batch.completedAt(),
        baseUrl ->
            BatchViews.BatchView.page(
                batches,
                batch,
                EVENT_PAGE_SIZE,
                Optional.empty(),
                new RequestOrigin(null, baseUrl)),
        List.of());
  }
}
