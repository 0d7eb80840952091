package io.docgrid.api.webhooks;

import io.docgrid.api.engine.JobEndListener;
import io.docgrid.api.http.RequestOrigin;
import io.docgrid.api.jobs.JobResponses.JobView;
import io.docgrid.sql.model.Job;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Publishes {@code job.succeeded}, {@code job.failed} and {@code job.cancelled} as jobs end, with
 * the job as {@code GET /api/v1/jobs/{id}} shows it, to the owner's subscribed endpoints and to
 * those the job named in {@code options.webhooks}. Each ending is one event, however often it is
 * told.
 */
public final class JobWebhooks implements JobEndListener {

  private final WebhookEvents events;
  private final Function<Job, List<UUID>> namedEndpoints;

  public JobWebhooks(WebhookEvents events, Function<Job, List<UUID>> namedEndpoints) {
    this.events = events;
    this.namedEndpoints = namedEndpoints;
  }

  @Override
  public void jobEnded(Job job) {
    String type =
        switch (job.status()) {
          case SUCCEEDED -> WebhookEventTypes.JOB_SUCCEEDED;
          case FAILED -> WebhookEventTypes.JOB_FAILED;
          case CANCELLED -> WebhookEventTypes.JOB_CANCELLED;
          default -> null;
        };
    if (type == null || job.finishedAt() == null) {
      return;
    }
    // The database keeps microseconds; the id must not depend on whether the job was read back.
    Instant endedAt = job.finishedAt().truncatedTo(ChronoUnit.MILLIS);
    events.publishOnce(
        job.owner(),
        type,
        WebhookEvents.eventIdOf("job", job.id(), type, endedAt.toEpochMilli()),
        endedAt,
        baseUrl -> JobView.of(job, new RequestOrigin(null, baseUrl)),
        namedEndpoints.apply(job));
  }
}
