package io.docgrid.api.webhooks;

import io.docgrid.api.engine.JobEndListener;
import io.docgrid.api.http.RequestOrigin;
import io.docgrid.api.jobs.JobResponses.JobView;
import io.docgrid.sql.model.Job;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code job.succeeded}, {@code job.failed} and {@code job.cancelled} as jobs end, with
 * the job as {@code GET /api/v1/jobs/{id}} shows it, to the owner's subscribed endpoints and to
 * those the job named in {@code options.webhooks}.
 */
public final class JobWebhooks implements JobEndListener {

  private static final Logger log = LoggerFactory.getLogger(JobWebhooks.class);

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
    if (type == null) {
      return;
    }
    try {
      events.publish(
          job.owner(),
          type,
          baseUrl -> JobView.of(job, new RequestOrigin(null, baseUrl)),
          namedEndpoints.apply(job));
    } catch (RuntimeException e) {
      // The job's ending stands; only its event is lost, and the log says which.
      log.error("could not record the {} event of job {}", type, job.id(), e);
    }
  }
}
