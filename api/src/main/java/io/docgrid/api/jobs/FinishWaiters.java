package io.docgrid.api.jobs;

import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;

/** The clients waiting for jobs to finish ({@code Prefer: wait}), and waking them when they do. */
final class FinishWaiters implements AutoCloseable {

  private final JobRepository jobs;
  private final FinishedElsewhere finishedElsewhere;
  private final Map<UUID, CompletableFuture<Job>> waiting = new ConcurrentHashMap<>();

  FinishWaiters(JobRepository jobs, Ignite ignite) {
    this.jobs = jobs;
    this.finishedElsewhere = new FinishedElsewhere(ignite);
    finishedElsewhere.subscribe(this::wake);
  }

  /**
   * The job once it has finished, or empty if it is still unfinished after {@code timeout}. Never
   * cancels anything: a client that stops waiting finds the job running as before.
   */
  CompletableFuture<Optional<Job>> await(UUID id, Duration timeout) {
    CompletableFuture<Job> done = waiting.computeIfAbsent(id, key -> new CompletableFuture<>());
    // Registered before looking, so a job finishing in between is not missed.
    jobs.findById(id).filter(job -> job.status().isFinished()).ifPresent(this::complete);
    // Left in the map after a timeout: other callers may wait on it; the job's end removes it.
    return done.thenApply(Optional::of)
        .completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Wakes whoever waits for the job, which has just reached a final state. Clients may wait on any
   * API node (a long poll behind a load balancer, or a job that waited for an identical one and was
   * finished where that one finished), so every node is told.
   */
  void finished(Job job) {
    wake(job.id());
    finishedElsewhere.announce(job.id());
  }

  /** Wakes whoever waits here for the job, now that it has reached a final state. */
  void wake(UUID id) {
    if (waiting.containsKey(id)) {
      jobs.findById(id).ifPresent(this::complete);
    }
  }

  private void complete(Job job) {
    CompletableFuture<Job> done = waiting.remove(job.id());
    if (done != null) {
      done.complete(job);
    }
  }

  @Override
  public void close() {
    finishedElsewhere.close();
  }
}
