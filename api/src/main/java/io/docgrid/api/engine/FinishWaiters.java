package io.docgrid.api.engine;

import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The clients waiting for jobs to finish ({@code Prefer: wait}), and waking them when they do. Jobs
 * finished on other API nodes wake them through {@link #wake}, which the dispatcher calls.
 */
public final class FinishWaiters {

  /**
   * A job that has finished. A client that asked for its result reads it from the store, page by
   * page, wherever the job finished.
   */
  public record Finished(Job job) {}

  private final JobRepository jobs;
  private final JobDispatcher dispatcher;
  private final Map<UUID, CompletableFuture<Finished>> waiting = new ConcurrentHashMap<>();

  public FinishWaiters(JobRepository jobs, JobDispatcher dispatcher) {
    this.jobs = jobs;
    this.dispatcher = dispatcher;
  }

  /**
   * Waits for a job that has not been dispatched yet, so that nothing needs looking up: whenever it
   * finishes, it is after this. Call {@link #await(CompletableFuture, Duration)} on the result.
   */
  public CompletableFuture<Finished> register(UUID id) {
    return waiting.computeIfAbsent(id, key -> new CompletableFuture<>());
  }

  /**
   * The job once it has finished, or empty if it is still unfinished after {@code timeout}. Never
   * cancels anything: a client that stops waiting finds the job running as before.
   */
  public CompletableFuture<Optional<Finished>> await(UUID id, Duration timeout) {
    CompletableFuture<Finished> done = register(id);
    // Registered before looking, so a job finishing in between is not missed.
    jobs.findById(id)
        .filter(job -> job.status().isFinished())
        .ifPresent(job -> complete(new Finished(job)));
    return await(done, timeout);
  }

  /** {@code registered} once it completes, or empty after {@code timeout}. */
  public static CompletableFuture<Optional<Finished>> await(
      CompletableFuture<Finished> registered, Duration timeout) {
    // Left in the map after a timeout: other callers may wait on it; the job's end removes it.
    return registered
        .thenApply(Optional::of)
        .completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Wakes whoever waits for the job, which has just reached a final state. Clients may wait on any
   * API node (a long poll behind a load balancer, or a job that waited for an identical one and was
   * finished where that one finished), so every node is told.
   */
  void finished(Job job) {
    complete(new Finished(job));
    dispatcher.announceFinished(job.id());
  }

  /** Like {@link #finished(Job)}, for a job whose final row is read only if awaited. */
  void finished(UUID id) {
    wake(id);
    dispatcher.announceFinished(id);
  }

  /** Wakes whoever waits here for the job, now that it has reached a final state. */
  public void wake(UUID id) {
    if (waiting.containsKey(id)) {
      jobs.findById(id).ifPresent(job -> complete(new Finished(job)));
    }
  }

  private void complete(Finished finished) {
    CompletableFuture<Finished> done = waiting.remove(finished.job().id());
    if (done != null) {
      done.complete(finished);
    }
  }
}
