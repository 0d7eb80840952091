package io.docgrid.tasks.preprocess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Packs work items from any number of callers (the pages of different jobs) into batches for one
 * launch sequence: a batch leaves when it holds {@code maxBatch} items, or {@code maxWait} after
 * its first item arrived, whichever comes first. Callers wait on a future for their own item's
 * result. One thread flushes; the backend sees one batch at a time.
 */
public final class GpuBatcher<I, O> implements AutoCloseable {

  /** Processes a whole batch; returns one result per item, in order. */
  @FunctionalInterface
  public interface Backend<I, O> {
    List<O> process(List<I> batch) throws Exception;
  }

  /** Told of every batch that leaves: how full it was. */
  @FunctionalInterface
  public interface Listener {
    Listener IGNORED = (size, capacity) -> {};

    void flushed(int size, int capacity);
  }

  private record Pending<I, O>(I item, CompletableFuture<O> result) {}

  private final Backend<I, O> backend;
  private final int maxBatch;
  private final long maxWaitNanos;
  private final Listener listener;
  private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
  private final Thread flusher;
  private volatile boolean closed;

  public GpuBatcher(Backend<I, O> backend, int maxBatch, Duration maxWait, Listener listener) {
    this.backend = Objects.requireNonNull(backend, "backend");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
    }
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWait.toNanos();
    this.listener = Objects.requireNonNull(listener, "listener");
    this.flusher = new Thread(this::flushLoop, "gpu-batcher");
    flusher.setDaemon(true);
    flusher.start();
  }

  /** Queues {@code item}; the future completes with its result or the batch's failure. */
  public CompletableFuture<O> submit(I item) {
    Objects.requireNonNull(item, "item");
    CompletableFuture<O> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("the GPU batcher is closed"));
      return result;
    }
    queue.add(new Pending<>(item, result));
    return result;
  }

  private void flushLoop() {
    try {
      while (!closed) {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        batch.add(queue.take());
        long deadline = System.nanoTime() + maxWaitNanos;
        while (batch.size() < maxBatch) {
          long left = deadline - System.nanoTime();
          Pending<I, O> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        flush(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      failQueued();
    }
  }

  private void flush(List<Pending<I, O>> batch) {
    listener.flushed(batch.size(), maxBatch);
    try {
      List<O> results = backend.process(batch.stream().map(Pending::item).toList());
      if (results.size() != batch.size()) {
        throw new IllegalStateException(
            "the backend returned " + results.size() + " results for " + batch.size() + " items");
      }
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(results.get(i));
      }
    } catch (Exception | Error e) {
      batch.forEach(pending -> pending.result().completeExceptionally(e));
    }
  }

  private void failQueued() {
    Pending<I, O> pending;
    while ((pending = queue.poll()) != null) {
      pending.result().completeExceptionally(new IllegalStateException("the GPU batcher closed"));
    }
  }

  /** Stops taking items; the batch in flight is interrupted and items still queued fail. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    flusher.interrupt();
    flusher.join(TimeUnit.SECONDS.toMillis(30));
    failQueued();
  }
}
