package io.docgrid.api.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.sql.model.Job;
import io.docgrid.tasks.process.StoredDocument;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a new job computes its result, reuses a cached one, or waits for an identical job
 * in flight; and keeps what a finished job computed for the next ones.
 *
 * <p>Jobs with a PDF password never take part: the password is not stored, and a cached result
 * would hand a protected document's text to whoever sends the same bytes without it.
 */
public final class ResultReuse {

  private static final Logger log = LoggerFactory.getLogger(ResultReuse.class);

  /** What a new job does. */
  public sealed interface Plan {}

  /** Its result is in the cache: the job succeeds at once. */
  public record Hit(ReusableDocument document) implements Plan {}

  /** An identical job is computing: this one waits for it. */
  public record Follow(UUID leader) implements Plan {}

  /** It computes, and identical jobs submitted meanwhile follow it. */
  public record Lead() implements Plan {}

  /** It computes on its own: the cache is off, or the job may not share its result. */
  public record Compute() implements Plan {}

  private final ResultCache cache;
  private final SingleFlight flights;
  private final CachedDocuments entries;

  public ResultReuse(ResultCache cache, SingleFlight flights, ObjectMapper json) {
    this.cache = cache;
    this.flights = flights;
    this.entries = new CachedDocuments(json);
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
    Optional<ReusableDocument> cached = read(cache.find(key));
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
  public Optional<ReusableDocument> cached(Job job) {
    return read(cache.peek(keyOf(job)));
  }

  /**
   * A cache entry for the document a job computed, to be given its pages as the job's result is
   * written and then {@link #remember}ed; empty when the cache is off.
   */
  public Optional<CachedDocuments.Entry> newEntry(StoredDocument document) {
    return cache.enabled()
        ? Optional.of(entries.newEntry(document, cache.maxEntryBytes()))
        : Optional.empty();
  }

  /** Keeps a computed document, written into {@code entry}, for later identical jobs. */
  public void remember(Job job, CachedDocuments.Entry entry) {
    Optional<byte[]> stored = entry.finish();
    if (stored.isEmpty()) {
      log.info(
          "result of job {} not cached: over the {} compressed bytes an entry may take",
          job.id(),
          cache.maxEntryBytes());
      return;
    }
    cache.put(keyOf(job), stored.get());
  }

  /** A damaged entry is a miss: the job computes its result instead. */
  private Optional<ReusableDocument> read(Optional<byte[]> stored) {
    try {
      return stored.map(entries::read);
    } catch (RuntimeException e) {
      log.warn("unreadable result cache entry; computing instead", e);
      return Optional.empty();
    }
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
