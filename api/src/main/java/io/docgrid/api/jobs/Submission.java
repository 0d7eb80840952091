package io.docgrid.api.jobs;

import io.docgrid.api.engine.FinishWaiters;
import io.docgrid.api.engine.FinishWaiters.Finished;
import io.docgrid.sql.model.Job;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a submission made: the job (as stored, queued), whether it is an earlier one for a repeated
 * key, and, when the caller waits, a future of its end (null for a repeated key, whose job may have
 * ended long ago: {@link #awaitFinished} looks it up).
 */
record Submission(Job job, boolean replayed, CompletableFuture<Finished> finished) {

  CompletableFuture<Optional<Finished>> awaitFinished(JobService service, Duration timeout) {
    return finished == null
        ? service.awaitFinished(job.id(), timeout)
        : FinishWaiters.await(finished, timeout);
  }
}
