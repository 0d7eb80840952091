package io.docgrid.tasks.ocr.paddle;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Packs one model's calls from any number of pages (of any jobs) into batches. An item only joins
 * items of its own shape (a tensor batch must be rectangular), and a batch leaves when it holds
 * {@code maxBatch} items or when its oldest item has waited {@code maxWait}, whichever comes first,
 * and only once a lane (one device's session) is free: while every lane is busy, waiting items grow
 * the next batches instead of queueing behind small ones.
 *
 * @param <K> an item's shape: items batch together only when their shapes are equal
 * @param <I> an item, one model input (a page, a line)
 * @param <O> its output
 */
final class InferenceBatcher<K, I, O> implements AutoCloseable {

  /** Runs one batch on one device; returns one output per item, in order. */
  @FunctionalInterface
  interface Lane<I, O> {
    List<O> run(List<I> batch) throws Exception;
  }

  /** Told of every batch that leaves: its size, the most it could hold, its oldest item's wait. */
  @FunctionalInterface
  interface Listener {
    Listener IGNORED = (size, capacity, waitedNanos) -> {};

    void flushed(int size, int capacity, long waitedNanos);
  }

  private record Pending<I, O>(I item, long arrivedNanos, CompletableFuture<O> result) {}

  private final Function<I, K> shape;
  private final int maxBatch;
  private final long maxWaitNanos;
  private final Listener listener;
  private final BlockingQueue<Lane<I, O>> freeLanes;
  private final ExecutorService running;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Map<K, ArrayDeque<Pending<I, O>>> waiting = new LinkedHashMap<>();
  private final Thread flusher;
  private volatile boolean closed;

  InferenceBatcher(
      String name,
      List<? extends Lane<I, O>> lanes,
      Function<I, K> shape,
      int maxBatch,
      Duration maxWait,
      Listener listener) {
    if (lanes.isEmpty()) {
      throw new IllegalArgumentException("at least one lane");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
    }
    this.shape = Objects.requireNonNull(shape, "shape");
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWait.toNanos();
    this.listener = Objects.requireNonNull(listener, "listener");
    this.freeLanes = new LinkedBlockingQueue<>(lanes);
    this.running = Executors.newFixedThreadPool(lanes.size(), daemons(name + "-lane"));
    this.flusher = daemons(name + "-batcher").newThread(this::flushLoop);
    flusher.start();
  }

  /** Queues {@code item}; the future completes with its output or its batch's failure. */
  CompletableFuture<O> submit(I item) {
    Objects.requireNonNull(item, "item");
    CompletableFuture<O> result = new CompletableFuture<>();
    K key = shape.apply(item);
    lock.lock();
    try {
      if (closed) {
        result.completeExceptionally(new IllegalStateException("the batcher is closed"));
        return result;
      }
      waiting
          .computeIfAbsent(key, k -> new ArrayDeque<>())
          .add(new Pending<>(item, System.nanoTime(), result));
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
    return result;
  }

  private void flushLoop() {
    try {
      while (!closed) {
        Lane<I, O> lane = freeLanes.take();
        List<Pending<I, O>> batch;
        try {
          batch = nextBatch();
        } catch (InterruptedException e) {
          freeLanes.add(lane);
          throw e;
        }
        running.execute(
            () -> {
              try {
                run(lane, batch);
              } finally {
                freeLanes.add(lane);
              }
            });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      failWaiting();
    }
  }

  /**
   * Waits for a batch that may leave: a shape with {@code maxBatch} items, else the shape whose
   * oldest item has waited longest once that wait reaches {@code maxWait}.
   */
  private List<Pending<I, O>> nextBatch() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        long now = System.nanoTime();
        K ready = null;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<K, ArrayDeque<Pending<I, O>>> shapeWaiting : waiting.entrySet()) {
          ArrayDeque<Pending<I, O>> items = shapeWaiting.getValue();
          if (items.size() >= maxBatch) {
            return take(shapeWaiting.getKey());
          }
          long arrivedNanos = items.peekFirst().arrivedNanos();
          if (ready == null || arrivedNanos - oldest < 0) {
            ready = shapeWaiting.getKey();
            oldest = arrivedNanos;
          }
        }
        if (ready == null) {
          arrived.await();
        } else {
          long left = oldest + maxWaitNanos - now;
          if (left <= 0) {
            return take(ready);
          }
          arrived.awaitNanos(left);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private List<Pending<I, O>> take(K key) {
    ArrayDeque<Pending<I, O>> items = waiting.get(key);
    List<Pending<I, O>> batch = new ArrayList<>(Math.min(maxBatch, items.size()));
    while (batch.size() < maxBatch && !items.isEmpty()) {
      batch.add(items.pollFirst());
    }
    if (items.isEmpty()) {
      waiting.remove(key);
    }
    listener.flushed(batch.size(), maxBatch, System.nanoTime() - batch.get(0).arrivedNanos());
    return batch;
  }

  private void run(Lane<I, O> lane, List<Pending<I, O>> batch) {
    try {
      List<O> outputs = lane.run(batch.stream().map(Pending::item).toList());
      if (outputs.size() != batch.size()) {
        throw new IllegalStateException(
            "the lane returned " + outputs.size() + " outputs for " + batch.size() + " items");
      }
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(outputs.get(i));
      }
    } catch (Exception | Error e) {
      batch.forEach(pending -> pending.result().completeExceptionally(e));
    }
  }

  private void failWaiting() {
    lock.lock();
    try {
      for (ArrayDeque<Pending<I, O>> items : waiting.values()) {
        for (Pending<I, O> pending : items) {
          pending.result().completeExceptionally(new IllegalStateException("the batcher closed"));
        }
      }
      waiting.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops taking items, lets the batches on the lanes finish, and fails the items still waiting.
   */
  @Override
  public void close() throws InterruptedException {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
    flusher.interrupt();
    flusher.join(TimeUnit.SECONDS.toMillis(30));
    running.shutdown();
    running.awaitTermination(30, TimeUnit.SECONDS);
    failWaiting();
  }

  private static ThreadFactory daemons(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
