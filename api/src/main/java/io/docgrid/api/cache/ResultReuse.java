package io.docgrid.api.cache;

import io.docgrid.sql.model.Job;
import io.docgrid.tasks.process.ProcessedDocument;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Decides whether a new job computes its result, reuses a cached one, or waits for an identical job
 * in flight; and keeps what a finished job computed for the next ones.
 *
 * <p>Jobs with a PDF password never take part: the password is not stored, and a cached result
 * would hand a protected document's text to whoever sends the same bytes without it.
 */
public final class ResultReuse {

  /** What a new job does. */
  public sealed interface Plan {}

  /** Its result is in the cache: the job succeeds at once. */
  public record Hit(ProcessedDocument processed) implements Plan {}

  /** An identical job is computing: this one waits for it. */
  public record Follow(UUID leader) implements Plan {}

  /** It computes, and identical jobs submitted meanwhile follow it. */
  public record Lead() implements Plan {}

  /** It computes on its own: the cache is off, or the job may not share its result. */
  public record Compute() implements Plan {}

  private final ResultCache cache;
  private final SingleFlight flights;

  public ResultReuse(ResultCache cache, SingleFlight flights) {
    this.cache = cache;
    this.flights = flights;
  }

  /**
   * The plan for job {@code jobId}. A leader it is told to follow may not have its row yet (it is
   * being inserted); {@code finished} must say false for it.
   */
  public Plan plan(
      UUID jobId,
      String sha256,
      String canonicalOptions,
      boolean hasPassword,
      Predicate<UUID> finished) {
    if (!cache.enabled() || hasPassword) {
      return new Compute();
    }
    ResultCacheKey key = ResultCacheKey.of(sha256, canonicalOptions);
    Optional<ProcessedDocument> cached = cache.find(key);
    if (cached.isPresent()) {
      return new Hit(cached.get());
    }
    Optional<UUID> leader = flights.leadOrFollow(key, jobId, finished);
    return leader.<Plan>map(Follow::new).orElseGet(Lead::new);
  }

  /** Whether results are reused at all: without the cache, no job ever follows another. */
  public boolean enabled() {
    return cache.enabled();
  }

  /** The cached document for a job that waited, without counting a lookup. */
  public Optional<ProcessedDocument> cached(Job job) {
    return cache.peek(keyOf(job));
  }

  /** Keeps a computed document for later identical jobs. */
  public void remember(Job job, ProcessedDocument processed) {
    cache.put(keyOf(job), processed);
  }

  /** The job has finished (or will never lead): identical jobs stop waiting for it. */
  public void landed(Job job) {
    landed(job.id(), job.documentSha256(), job.options());
  }

  public void landed(UUID jobId, String sha256, String canonicalOptions) {
    if (cache.enabled()) {
      flights.landed(ResultCacheKey.of(sha256, canonicalOptions), jobId);
    }
  }

  private static ResultCacheKey keyOf(Job job) {
    return ResultCacheKey.of(job.documentSha256(), job.options());
  }
}
