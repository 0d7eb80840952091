package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InferenceBatcherTest {

  /** Items are strings; their shape is their length. The lane records every batch it ran. */
  private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

  private final InferenceBatcher.Lane<String, String> recording =
      batch -> {
        batches.add(batch);
        return batch.stream().map(String::toUpperCase).toList();
      };

  @Test
  void a_full_batch_leaves_at_once_and_each_item_gets_its_own_output() throws Exception {
    try (var batcher = batcher(List.of(recording), 3, Duration.ofMinutes(1))) {
      var a = batcher.submit("ab");
      var b = batcher.submit("cd");
      var c = batcher.submit("ef");

      assertThat(List.of(a.get(5, TimeUnit.SECONDS), b.get(), c.get()))
          .containsExactly("AB", "CD", "EF");
      assertThat(batches).containsExactly(List.of("ab", "cd", "ef"));
    }
  }

  @Test
  void items_of_different_shapes_never_share_a_batch() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    InferenceBatcher.Lane<String, String> held =
        batch -> {
          release.await();
          return recording.run(batch);
        };
    try (var batcher = batcher(List.of(held), 8, Duration.ZERO)) {
      var holding = batcher.submit("held");
      List<CompletableFuture<String>> outputs = new ArrayList<>();
      for (String item : List.of("a", "bb", "c", "dd", "eee", "f")) {
        outputs.add(batcher.submit(item));
      }
      release.countDown();
      holding.get(5, TimeUnit.SECONDS);
      for (CompletableFuture<String> output : outputs) {
        output.get(5, TimeUnit.SECONDS);
      }

      // Once the lane is free, the shape waiting longest leaves first, whole.
      assertThat(batches)
          .containsExactly(
              List.of("held"), List.of("a", "c", "f"), List.of("bb", "dd"), List.of("eee"));
    }
  }

  @Test
  void a_batch_that_does_not_fill_leaves_after_the_wait() throws Exception {
    try (var batcher = batcher(List.of(recording), 64, Duration.ofMillis(20))) {
      long started = System.nanoTime();

      assertThat(batcher.submit("x").get(5, TimeUnit.SECONDS)).isEqualTo("X");

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      assertThat(batches).containsExactly(List.of("x"));
    }
  }

  @Test
  void items_that_arrive_while_every_lane_is_busy_leave_together() throws Exception {
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InferenceBatcher.Lane<String, String> slow =
        batch -> {
          firstRunning.countDown();
          release.await();
          return recording.run(batch);
        };
    // No wait at all: without a busy lane, every item would leave alone.
    try (var batcher = batcher(List.of(slow), 16, Duration.ZERO)) {
      var first = batcher.submit("a");
      assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<String>> queued = new ArrayList<>();
      for (String item : List.of("b", "c", "d", "e")) {
        queued.add(batcher.submit(item));
      }
      release.countDown();
      first.get(5, TimeUnit.SECONDS);
      for (CompletableFuture<String> output : queued) {
        output.get(5, TimeUnit.SECONDS);
      }

      assertThat(batches).containsExactly(List.of("a"), List.of("b", "c", "d", "e"));
    }
  }

  @Test
  void batches_spread_over_the_lanes_and_run_at_once() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    List<String> lanesUsed = Collections.synchronizedList(new ArrayList<>());
    List<InferenceBatcher.Lane<String, String>> lanes = new ArrayList<>();
    for (String name : List.of("gpu0", "gpu1")) {
      lanes.add(
          batch -> {
            lanesUsed.add(name);
            bothRunning.countDown();
            // Each lane holds its batch until the other runs one too: both run at once.
            assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
            return recording.run(batch);
          });
    }
    try (var batcher = batcher(lanes, 1, Duration.ZERO)) {
      var a = batcher.submit("a");
      var b = batcher.submit("b");

      assertThat(List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS)))
          .containsExactly("A", "B");
      assertThat(lanesUsed).containsExactlyInAnyOrder("gpu0", "gpu1");
    }
  }

  @Test
  void a_failed_batch_fails_its_own_items_only() throws Exception {
    InferenceBatcher.Lane<String, String> failingOnBad =
        batch -> {
          if (batch.contains("bad")) {
            throw new IllegalStateException("device lost");
          }
          return recording.run(batch);
        };
    try (var batcher = batcher(List.of(failingOnBad), 8, Duration.ofMillis(20))) {
      var bad = batcher.submit("bad");
      var good = batcher.submit("good");

      assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("device lost");
      assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo("GOOD");
    }
  }

  @Test
  void the_listener_hears_each_batch_with_its_size_and_wait() throws Exception {
    List<int[]> heard = Collections.synchronizedList(new ArrayList<>());
    InferenceBatcher.Listener listener =
        (size, capacity, waited) -> {
          assertThat(waited).isNotNegative();
          heard.add(new int[] {size, capacity});
        };
    try (var batcher =
        new InferenceBatcher<>(
            "test", List.of(recording), String::length, 2, Duration.ofMillis(300), listener)) {
      var a = batcher.submit("a");
      var b = batcher.submit("b");
      var c = batcher.submit("c");
      for (var output : List.of(a, b, c)) {
        output.get(5, TimeUnit.SECONDS);
      }
    }

    assertThat(heard).extracting(sizes -> sizes[0]).containsExactly(2, 1);
    assertThat(heard).extracting(sizes -> sizes[1]).containsOnly(2);
  }

  @Test
  void items_submitted_after_close_fail_at_once() throws Exception {
    var batcher = batcher(List.of(recording), 4, Duration.ofMillis(5));
    batcher.close();

    assertThatThrownBy(() -> batcher.submit("late").get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static InferenceBatcher<Integer, String, String> batcher(
      List<InferenceBatcher.Lane<String, String>> lanes, int maxBatch, Duration maxWait) {
    return new InferenceBatcher<>(
        "test", lanes, String::length, maxBatch, maxWait, InferenceBatcher.Listener.IGNORED);
  }
}
