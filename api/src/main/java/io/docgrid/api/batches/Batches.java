package io.docgrid.api.batches;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.engine.JobControl;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.http.RequestOrigin;
import io.docgrid.sql.BatchRepository;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Batch;
import io.docgrid.sql.model.BatchCounts;
import io.docgrid.sql.model.JobCursor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the batch routes do beyond making jobs: open and seal a batch, show it to whom may see it,
 * and cancel what is left of it.
 */
public final class Batches {

  private static final Logger log = LoggerFactory.getLogger(Batches.class);
  private static final int SWEEP_LIMIT = 100;

  private final BatchRepository batches;
  private final JobRepository jobs;
  private final JobControl control;
  private final BatchCompletions completions;
  private final Clock clock;

  public Batches(
      BatchRepository batches,
      JobRepository jobs,
      JobControl control,
      BatchCompletions completions,
      Clock clock) {
    this.batches = batches;
    this.jobs = jobs;
    this.control = control;
    this.completions = completions;
    this.clock = clock;
  }

  Batch open(Principal caller) {
    return batches.insertOpen(UUID.randomUUID(), caller.id(), clock.instant());
  }

  /** Records that the batch's jobs are still being created. */
  void touch(Batch batch) {
    batches.touch(batch.id(), clock.instant());
  }

  /**
   * Seals the batches whose jobs nobody has created for {@code untouchedFor}, with the jobs they
   * have, and completes those whose jobs have all ended: the node creating them stopped. Returns
   * how many it sealed.
   */
  public int sealAbandoned(Duration untouchedFor) {
    List<UUID> sealed = batches.sealAbandoned(clock.instant().minus(untouchedFor), SWEEP_LIMIT);
    for (UUID id : sealed) {
      log.warn("batch {} was left open by a node that stopped; sealed with the jobs it has", id);
      completions.completeIfEnded(id);
    }
    return sealed.size();
  }

  /** All of the batch's jobs are stored: it may complete from now on, and may have already. */
  void seal(Batch batch, int jobCount) {
    batches.seal(batch.id(), jobCount);
    completions.completeIfEnded(batch.id());
  }

  /** The batch, if the caller may see it: other tenants' batches do not exist for them. */
  Batch visible(UUID id, Principal caller) {
    return batches
        .findById(id)
        .filter(batch -> caller.mayAccess(batch.owner()))
        .orElseThrow(() -> ApiException.notFound("Batch " + id));
  }

  BatchViews.BatchView view(
      Batch batch, int limit, Optional<JobCursor> after, RequestOrigin origin) {
    return BatchViews.BatchView.page(batches, batch, limit, after, origin);
  }

  BatchCounts counts(Batch batch) {
    return batches.counts(batch.id());
  }

  /** Cancels every job of the batch that has not ended; ended jobs are left as they are. */
  Batch cancel(Batch batch, Principal caller) {
    for (UUID id : batches.unfinishedJobIds(batch.id())) {
      jobs.findById(id).ifPresent(job -> control.cancel(job, caller.id()));
    }
    return batches.findById(batch.id()).orElseThrow();
  }
}
