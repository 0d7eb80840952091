package io.docgrid.api.engine;

import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How long a document would take, from what the cluster did lately: the jobs computed in the last
 * {@link #WINDOW} (all API nodes write them to the one database) give seconds per OCRed page,
 * seconds per page read from its text, and how many jobs the cluster finishes a second, which
 * divides the jobs waiting now into a queue wait. Without recent jobs, fixed rates stand in and the
 * basis says so.
 */
public final class ProcessingEstimates {

  static final Duration WINDOW = Duration.ofMinutes(30);
  static final int SAMPLE = 500;

  /** One CPU core's OCR of a 300 dpi A4 page, as docs/benchmarks.md measured it, rounded up. */
  static final double DEFAULT_SECONDS_PER_OCR_PAGE = 3.0;

  static final double DEFAULT_SECONDS_PER_TEXT_PAGE = 0.05;

  /**
   * @param processingSeconds the document's processing, once a compute node has it
   * @param queueWaitSeconds the wait before it starts; null when the cluster finished nothing
   *     lately while jobs wait, so nothing can be told
   * @param basis {@code recent} (from {@code recentJobs} jobs) or {@code defaults}
   */
  public record Estimate(
      double processingSeconds, Double queueWaitSeconds, String basis, int recentJobs) {}

  private final JobRepository jobs;
  private final Clock clock;

  public ProcessingEstimates(JobRepository jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  public Estimate estimate(int pages, int ocrPages) {
    List<Job> recent = jobs.findComputedSince(clock.instant().minus(WINDOW), SAMPLE);
    Rates rates = Rates.of(recent);
    double processing =
        ocrPages * rates.secondsPerOcrPage() + (pages - ocrPages) * rates.secondsPerTextPage();
    long waiting = jobs.countByStatus(JobStatus.QUEUED);
    Double queueWait;
    if (waiting == 0) {
      queueWait = 0.0;
    } else if (recent.isEmpty()) {
      queueWait = null;
    } else {
      double jobsPerSecond = recent.size() / (double) WINDOW.toSeconds();
      queueWait = waiting / jobsPerSecond;
    }
    return new Estimate(
        round(processing),
        queueWait == null ? null : round(queueWait),
        recent.isEmpty() ? "defaults" : "recent",
        recent.size());
  }

  /** Seconds per page: jobs with OCRed pages count for OCR, the others for text. */
  private record Rates(double secondsPerOcrPage, double secondsPerTextPage) {

    static Rates of(List<Job> recent) {
      double ocrSeconds = 0;
      long ocrPages = 0;
      double textSeconds = 0;
      long textPages = 0;
      for (Job job : recent) {
        double seconds = Duration.between(job.startedAt(), job.finishedAt()).toMillis() / 1000.0;
        if (job.pages().ocr() > 0) {
          ocrSeconds += seconds;
          ocrPages += job.pages().ocr();
        } else if (job.pages().done() > 0) {
          textSeconds += seconds;
          textPages += job.pages().done();
        }
      }
      return new Rates(
          ocrPages == 0 ? DEFAULT_SECONDS_PER_OCR_PAGE : ocrSeconds / ocrPages,
          textPages == 0 ? DEFAULT_SECONDS_PER_TEXT_PAGE : textSeconds / textPages);
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }
}
