package io.docgrid.api.engine;

import io.docgrid.sql.JobRepository;
import io.docgrid.tasks.process.JobStarted;
import io.docgrid.tasks.process.PagesDone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a job's start and page progress wait before they are written. The grid reports them as they
 * happen; they are written a few times a second, and only for jobs that have run for longer than
 * that: a short document's final update writes its start and pages with its result, so it costs no
 * progress writes at all, while a long one still shows its progress within a second.
 */
public final class ProgressLedger implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProgressLedger.class);

  /** Where and when a job's current run started on a compute node. */
  record Start(String nodeId, Instant at) {}

  private static final class Entry {
    private final long seenNanos = System.nanoTime();
    private Start start;
    private boolean startWritten;
    private int done;
    private int failed;
    private int ocr;
  }

  private final JobRepository jobs;
  private final Clock clock;
  private final Predicate<UUID> running;
  private final long writeAfterNanos;
  private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
  private final ScheduledExecutorService writer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "docgrid-progress-writer");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param running whether a job is still running from this node; progress of others is dropped
   * @param writeAfter how long a job runs before its progress is written, and how often
   */
  public ProgressLedger(
      JobRepository jobs, Clock clock, Predicate<UUID> running, Duration writeAfter) {
    this.jobs = jobs;
    this.clock = clock;
    this.running = running;
    this.writeAfterNanos = writeAfter.toNanos();
    long every = Math.max(1, writeAfter.toMillis());
    writer.scheduleWithFixedDelay(this::writeDue, every, every, TimeUnit.MILLISECONDS);
  }

  void started(JobStarted started) {
    Entry entry = entries.computeIfAbsent(started.jobId(), id -> new Entry());
    synchronized (entry) {
      entry.start = new Start(started.nodeId(), started.startedAt());
    }
  }

  void pagesDone(PagesDone pages) {
    Entry entry = entries.computeIfAbsent(pages.jobId(), id -> new Entry());
    synchronized (entry) {
      entry.done += pages.done();
      entry.failed += pages.failed();
      entry.ocr += pages.ocr();
    }
  }

  /**
   * Forgets the job, which has ended or goes back to the queue, and returns the start of its run if
   * one was reported: the job's final update records it, if no progress write did already.
   */
  Optional<Start> finish(UUID jobId) {
    Entry entry = entries.remove(jobId);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      return Optional.ofNullable(entry.start);
    }
  }

  private void writeDue() {
    long now = System.nanoTime();
    for (Map.Entry<UUID, Entry> item : entries.entrySet()) {
      UUID jobId = item.getKey();
      if (!running.test(jobId)) {
        // Reported after the job ended here (messages and results race): nothing left to write.
        entries.remove(jobId, item.getValue());
        continue;
      }
      Entry entry = item.getValue();
      if (now - entry.seenNanos < writeAfterNanos) {
        continue;
      }
      try {
        write(jobId, entry);
      } catch (RuntimeException e) {
        log.warn("could not write the progress of job {}; retrying shortly", jobId, e);
      }
    }
  }

  private void write(UUID jobId, Entry entry) {
    Instant at = clock.instant();
    synchronized (entry) {
      if (entry.start != null && !entry.startWritten) {
        jobs.markRunning(jobId, entry.start.nodeId(), entry.start.at());
        entry.startWritten = true;
      }
      if (entry.done + entry.failed + entry.ocr > 0) {
        jobs.addPagesDone(jobId, entry.done, entry.failed, entry.ocr, at);
        entry.done = 0;
        entry.failed = 0;
        entry.ocr = 0;
      }
    }
  }

  @Override
  public void close() {
    writer.shutdownNow();
  }
}
