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
 * is one conditional update, so of the nodes that see a batch's last jobs end exactly one
 * publishes; a batch whose jobs all ended before it was sealed completes at its sealing.
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
    if (job.batchId() == null) {
      return;
    }
    try {
      completeIfEnded(job.batchId());
    } catch (RuntimeException e) {
      // The job's ending stands; the batch's counts still show it, only the event is late.
      log.error("could not complete batch {} after job {} ended", job.batchId(), job.id(), e);
    }
  }

  /** Completes the batch if every one of its jobs has ended, and tells its owner's endpoints. */
  void completeIfEnded(UUID batchId) {
    if (!batches.completeIfEnded(batchId, clock.instant())) {
      return;
    }
    Batch batch = batches.findById(batchId).orElseThrow();
    log.info("batch {} completed", batchId);
    events.publish(
        batch.owner(),
        WebhookEventTypes.BATCH_COMPLETED,
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
