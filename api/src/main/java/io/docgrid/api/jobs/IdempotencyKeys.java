package io.docgrid.api.jobs;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.sql.IdempotencyRepository;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.IdempotencyClaim;
import io.docgrid.sql.model.Job;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} on submission: the first request with a key claims it for the job it is
 * making; a repeat with the same request gets that job back; a different request under the same key
 * is refused (409). The request is identified by the document's hash, the canonical options and the
 * file name. Keys are kept {@link #RETENTION}.
 */
public final class IdempotencyKeys {

  static final Duration RETENTION = Duration.ofHours(24);
  private static final Duration WINNER_GRACE = Duration.ofSeconds(10);

  private final IdempotencyRepository claims;
  private final JobRepository jobs;
  private final Clock clock;

  public IdempotencyKeys(IdempotencyRepository claims, JobRepository jobs, Clock clock) {
    this.claims = claims;
    this.jobs = jobs;
    this.clock = clock;
  }

  static String fingerprint(String documentSha256, String canonicalOptions, String fileName) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {documentSha256, canonicalOptions, fileName}) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Empty when this request now holds the key and should make job {@code jobId}; the earlier job
   * when it repeats the request that holds it.
   */
  Optional<Job> claimOrReplay(String owner, String key, String requestSha256, UUID jobId) {
    if (claims.claim(new IdempotencyClaim(owner, key, requestSha256, jobId, clock.instant()))) {
      return Optional.empty();
    }
    IdempotencyClaim earlier =
        claims
            .find(owner, key)
            .orElseThrow(
                () ->
                    new ApiException(
                            ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                            "A request with this Idempotency-Key was just given up; retry.")
                        .retryAfter(1));
    if (!earlier.requestSha256().equals(requestSha256)) {
      throw new ApiException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "This Idempotency-Key was used for a different request (document, options or file"
              + " name); use a new key for a new request.");
    }
    return Optional.of(awaitJob(earlier.jobId()));
  }

  /** Frees the key of a request that failed before its job was stored. */
  void release(String owner, String key) {
    claims.release(owner, key);
  }

  /** Forgets keys older than {@link #RETENTION}; returns how many. */
  public int deleteExpired() {
    return claims.deleteOlderThan(clock.instant().minus(RETENTION));
  }

  /** The winner stores its job right after claiming; a repeat arriving in between waits for it. */
  private Job awaitJob(UUID jobId) {
    long deadline = System.nanoTime() + WINNER_GRACE.toNanos();
    while (true) {
      Optional<Job> job = jobs.findById(jobId);
      if (job.isPresent()) {
        return job.get();
      }
      if (System.nanoTime() > deadline) {
        throw new ApiException(
                ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                "The first request with this Idempotency-Key is still in progress; retry.")
            .retryAfter(1);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
