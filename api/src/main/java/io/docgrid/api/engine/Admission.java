package io.docgrid.api.engine;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.auth.Tier;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.limits.Allowance;
import io.docgrid.api.limits.RateLimiter;
import io.docgrid.api.limits.TierLimits;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a caller's tier lets a document in, and what it is charged: jobs at once, pages per
 * document, and the hourly page quota. The API node never opens a document, so a job's pages are
 * charged in two steps: one page when it is accepted (a used-up quota refuses new work at once, and
 * a burst of submissions cannot overrun it), the rest once its first look has counted them, before
 * any result is delivered. The tier's page limit travels with the job to where it is counted.
 */
public final class Admission {

  private static final long CONCURRENCY_RETRY_SECONDS = 5;

  private final TierPolicy tiers;
  private final RateLimiter rateLimiter;
  private final JobRepository jobs;
  private final Map<UUID, String> quotaKeys = new ConcurrentHashMap<>();

  public Admission(TierPolicy tiers, RateLimiter rateLimiter, JobRepository jobs) {
    this.tiers = tiers;
    this.rateLimiter = rateLimiter;
    this.jobs = jobs;
  }

  public long maxFileBytes(Principal caller) {
    return tiers.of(caller.tier()).maxFileBytes();
  }

  /** The pages {@code caller}'s tier may have processed in an hour. */
  public long pagesPerHour(Principal caller) {
    return tiers.of(caller.tier()).pagesPerHour();
  }

  /** The most pages a document of a job at {@code tier} may have. */
  int maxPages(String tier) {
    return Tier.fromWire(tier)
        .map(known -> tiers.of(known).maxPagesPerDocument())
        .orElse(Integer.MAX_VALUE);
  }

  /**
   * The dispatch priority of a job at {@code tier}; jobs from before tiers existed get the lowest.
   */
  int priority(String tier) {
    return Tier.fromWire(tier).map(known -> tiers.of(known).priority()).orElse(0);
  }

  /** Admits a new job of {@code caller}: within its tier's jobs at once, charged its first page. */
  public void admit(Principal caller) {
    TierLimits limits = tiers.of(caller.tier());
    long running = jobs.countUnfinishedByOwner(caller.id());
    if (running >= limits.concurrentJobs()) {
      throw new ApiException(
              ErrorCode.CONCURRENCY_LIMIT,
              "You have "
                  + running
                  + " jobs queued or running; the "
                  + caller.tier()
                  + " tier allows "
                  + limits.concurrentJobs()
                  + " at once.")
          .retryAfter(CONCURRENCY_RETRY_SECONDS);
    }
    Allowance quota = rateLimiter.pages(caller, 1);
    if (!quota.allowed()) {
      throw new ApiException(
              ErrorCode.QUOTA_EXCEEDED,
              "The hourly quota of " + quota.limit() + " pages is used up.")
          .retryAfter(quota.retryAfterSeconds());
    }
  }

  /** Remembers whose quota the job's further pages are charged to, until it ends. */
  void admitted(UUID jobId, Principal caller) {
    quotaKeys.put(jobId, caller.rateLimitKey());
  }

  /**
   * Charges the pages of a job's document beyond the page charged at submission, now that they are
   * counted. Returns why not, when the quota has not enough left: the job then fails, delivering
   * nothing. The quota is its owner's; an anonymous caller's, by address, while this node knows it.
   */
  Optional<String> chargeCounted(Job job, int selectedPages) {
    if (selectedPages <= 1) {
      return Optional.empty();
    }
    String key = quotaKeys.getOrDefault(job.id(), job.owner());
    Tier tier = Tier.fromWire(job.tier()).orElse(Tier.FREE);
    Allowance quota = rateLimiter.pages(key, tier, selectedPages - 1L);
    if (quota.allowed()) {
      return Optional.empty();
    }
    return Optional.of(
        "This document needs "
            + selectedPages
            + " pages of quota and only "
            // The page charged at submission is this document's too.
            + (quota.remaining() + 1)
            + " of "
            + quota.limit()
            + " were left this hour.");
  }

  /** The job has ended: nothing more is charged for it. */
  void ended(UUID jobId) {
    quotaKeys.remove(jobId);
  }
}
