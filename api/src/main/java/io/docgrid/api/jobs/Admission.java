package io.docgrid.api.jobs;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.limits.Allowance;
import io.docgrid.api.limits.RateLimiter;
import io.docgrid.api.limits.TierLimits;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.sql.JobRepository;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.process.PagePlanner;
import java.nio.file.Path;

/**
 * Whether a caller's tier lets a document in: jobs at once, pages per document, and the hourly page
 * quota. Pages are charged when a job is accepted — the selected pages of a PDF, one page for other
 * documents — so that a burst of submissions cannot overrun the quota before anything is counted.
 */
final class Admission {

  private static final long CONCURRENCY_RETRY_SECONDS = 5;

  private final TierPolicy tiers;
  private final RateLimiter rateLimiter;
  private final JobRepository jobs;

  Admission(TierPolicy tiers, RateLimiter rateLimiter, JobRepository jobs) {
    this.tiers = tiers;
    this.rateLimiter = rateLimiter;
    this.jobs = jobs;
  }

  long maxFileBytes(Principal caller) {
    return tiers.of(caller.tier()).maxFileBytes();
  }

  void admit(Principal caller, Path document, String mediaType, ProcessingOptions options) {
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
    Integer pageCount = PagePlanner.pageCount(document, mediaType, options);
    if (pageCount != null && pageCount > limits.maxPagesPerDocument()) {
      throw new ApiException(
          ErrorCode.TOO_MANY_PAGES,
          "The document has "
              + pageCount
              + " pages; the "
              + caller.tier()
              + " tier accepts at most "
              + limits.maxPagesPerDocument()
              + ".");
    }
    long pages = pageCount == null ? 1 : Math.max(1, options.pages().pagesOf(pageCount).size());
    Allowance quota = rateLimiter.pages(caller, pages);
    if (!quota.allowed()) {
      throw new ApiException(
              ErrorCode.QUOTA_EXCEEDED,
              "This document needs "
                  + pages
                  + " pages of quota and "
                  + quota.remaining()
                  + " of "
                  + quota.limit()
                  + " are left this hour.")
          .retryAfter(quota.retryAfterSeconds());
    }
  }
}
