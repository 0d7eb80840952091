package io.docgrid.tasks.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The batching logic of GPU nodes, with a fake backend in place of the GPU. */
class GpuBatcherTest {

  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
  private final List<Integer> fills = new CopyOnWriteArrayList<>();

  private List<Integer> doubled(List<Integer> batch) {
    batches.add(List.copyOf(batch));
    return batch.stream().map(item -> item * 2).toList();
  }

  @Test
  void a_full_batch_leaves_at_once_without_waiting_for_the_timeout() throws Exception {
    try (GpuBatcher<Integer, Integer> batcher =
        new GpuBatcher<>(
            this::doubled, 4, Duration.ofSeconds(30), (size, cap) -> fills.add(size))) {
      List<CompletableFuture<Integer>> results = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        results.add(batcher.submit(i));
      }

      for (int i = 0; i < 4; i++) {
        assertThat(results.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(2 * (i + 1));
      }
      assertThat(batches).containsExactly(List.of(1, 2, 3, 4));
      assertThat(fills).containsExactly(4);
    }
  }

  @Test
  void a_partial_batch_leaves_after_the_bounded_wait() throws Exception {
    try (GpuBatcher<Integer, Integer> batcher =
        new GpuBatcher<>(
            this::doubled, 64, Duration.ofMillis(50), (size, cap) -> fills.add(size))) {
      long start = System.nanoTime();
      CompletableFuture<Integer> first = batcher.submit(1);
      CompletableFuture<Integer> second = batcher.submit(2);

      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(2);
      assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(4);
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(waitedMillis).isBetween(40L, 4_000L);
      assertThat(batches).containsExactly(List.of(1, 2));
      assertThat(fills).containsExactly(2);
    }
  }

  @Test
  void items_from_many_callers_share_batches_no_larger_than_the_maximum() throws Exception {
    try (GpuBatcher<Integer, Integer> batcher =
        new GpuBatcher<>(this::doubled, 8, Duration.ofMillis(20), GpuBatcher.Listener.IGNORED)) {
      List<CompletableFuture<Integer>> results = new CopyOnWriteArrayList<>();
      List<Thread> callers = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      for (int caller = 0; caller < 5; caller++) {
        int base = caller * 100;
        Thread thread =
            new Thread(
                () -> {
                  awaitQuietly(go);
                  for (int i = 0; i < 10; i++) {
                    results.add(batcher.submit(base + i));
                  }
                });
        callers.add(thread);
        thread.start();
      }
      go.countDown();
      for (Thread thread : callers) {
        thread.join();
      }
      for (CompletableFuture<Integer> result : results) {
        result.get(5, TimeUnit.SECONDS);
      }

      assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(50);
      assertThat(batches).allSatisfy(batch -> assertThat(batch.size()).isBetween(1, 8));
      assertThat(batches.size()).as("batches for 50 items").isLessThan(50);
    }
  }

  @Test
  void a_failing_batch_fails_the_future_of_every_item_in_it() throws Exception {
    try (GpuBatcher<Integer, Integer> batcher =
        new GpuBatcher<>(
            batch -> {
              throw new IllegalStateException("device lost");
            },
            2,
            Duration.ofSeconds(30),
            GpuBatcher.Listener.IGNORED)) {
      CompletableFuture<Integer> first = batcher.submit(1);
      CompletableFuture<Integer> second = batcher.submit(2);

      assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("device lost");
      assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("device lost");
    }
  }

  @Test
  void items_submitted_after_close_fail_at_once() throws Exception {
    GpuBatcher<Integer, Integer> batcher =
        new GpuBatcher<>(this::doubled, 2, Duration.ofMillis(5), GpuBatcher.Listener.IGNORED);
    batcher.close();

    assertThatThrownBy(() -> batcher.submit(1).get(5, TimeUnit.SECONDS))
        .hasRootCauseMessage("the GPU batcher is closed");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
