package io.docgrid.api.usage;

import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.sql.UsageRepository;
import io.docgrid.sql.model.UsageRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes usage rows in batches from a background thread. Recording never blocks a request and never
 * fails it: when the bounded buffer is full, or the database refuses a batch, rows are dropped and
 * counted in {@code docgrid_usage_records_dropped_total}.
 */
public final class UsageRecorder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);
  private static final int BATCH = 500;
  private static final Duration LINGER = Duration.ofMillis(200);

  private final UsageRepository usage;
  private final ApiMetrics metrics;
  private final BlockingQueue<UsageRecord> pending;
  private final Duration flushInterval;
  private final Thread writer;
  private volatile boolean running = true;

  public UsageRecorder(
      UsageRepository usage, ApiMetrics metrics, int capacity, Duration flushInterval) {
    this.usage = usage;
    this.metrics = metrics;
    this.pending = new ArrayBlockingQueue<>(capacity);
    this.flushInterval = flushInterval;
    this.writer = new Thread(this::writeUntilClosed, "docgrid-usage-writer");
    writer.setDaemon(true);
    writer.start();
  }

  public void record(UsageRecord record) {
    if (record.pages() > 0) {
      metrics.pagesProcessed(record.principal(), record.tier(), record.pages(), record.ocrPages());
    }
    if (!pending.offer(record)) {
      metrics.usageRecordsDropped("buffer_full", 1);
    }
  }

  /**
   * Writes everything recorded so far, after the batch the writer may be holding; for shutdown and
   * for tests, which then read the rows without waiting for the next batch.
   */
  public synchronized void flush() {
    List<UsageRecord> batch = new ArrayList<>(BATCH);
    while (pending.drainTo(batch, BATCH) > 0) {
      write(batch);
      batch.clear();
    }
  }

  private void writeUntilClosed() {
    List<UsageRecord> batch = new ArrayList<>(BATCH);
    while (running) {
      try {
        UsageRecord first = pending.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        // Held from here to the write, so that a flush waits for this batch too.
        synchronized (this) {
          // Rows come a few per request: gathered a moment, they share one insert and one commit.
          Thread.sleep(LINGER.toMillis());
          batch.add(first);
          pending.drainTo(batch, BATCH - 1);
          write(batch);
          batch.clear();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private synchronized void write(List<UsageRecord> batch) {
    try {
      usage.insertBatch(batch);
      metrics.usageRecordsWritten(batch.size());
    } catch (RuntimeException e) {
      log.warn("dropped {} usage records: {}", batch.size(), e.toString());
      metrics.usageRecordsDropped("write_failed", batch.size());
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      // Not interrupted: that could abort a batch in the middle of its insert.
      writer.join(flushInterval.plusSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
