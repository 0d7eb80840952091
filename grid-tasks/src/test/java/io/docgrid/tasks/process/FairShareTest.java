package io.docgrid.tasks.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairShareTest {

  private final FairShare fairShare = new FairShare();

  @Test
  void a_tenant_arriving_behind_a_long_batch_is_served_next() {
    List<FairShare.Candidate<String>> waiting = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      waiting.add(new FairShare.Candidate<>("batch-" + i, "bulk", 6, 5));
    }
    List<String> started = new ArrayList<>();
    started.add(startNext(waiting));
    started.add(startNext(waiting));
    waiting.add(new FairShare.Candidate<>("single", "small", 6, 5));

    assertThat(startNext(waiting)).isEqualTo("single");
    assertThat(started).containsExactly("batch-0", "batch-1");
    assertThat(startNext(waiting)).isEqualTo("batch-2");
  }

  @Test
  void equal_tenants_alternate_and_a_tenants_own_jobs_keep_their_order() {
    List<FairShare.Candidate<String>> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiting.add(new FairShare.Candidate<>("a" + i, "a", 6, 5));
    }
    for (int i = 0; i < 3; i++) {
      waiting.add(new FairShare.Candidate<>("b" + i, "b", 6, 5));
    }
    List<String> order = new ArrayList<>();
    while (!waiting.isEmpty()) {
      order.add(startNext(waiting));
    }
    assertThat(order).containsExactly("a0", "b0", "a1", "b1", "a2", "b2");
  }

  @Test
  void slots_are_shared_in_proportion_to_weight_and_nobody_starves() {
    List<FairShare.Candidate<String>> waiting = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      waiting.add(new FairShare.Candidate<>("enterprise", "e", 10, 9));
      waiting.add(new FairShare.Candidate<>("free", "f", 2, 1));
    }
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 600; i++) {
      counts.merge(startNext(waiting), 1, Integer::sum);
    }
    assertThat(counts.get("enterprise")).isEqualTo(500);
    assertThat(counts.get("free")).isEqualTo(100);
  }

  @Test
  void among_equal_start_times_the_higher_priority_goes_first() {
    List<FairShare.Candidate<String>> waiting = new ArrayList<>();
    waiting.add(new FairShare.Candidate<>("standard", "s", 6, 5));
    waiting.add(new FairShare.Candidate<>("enterprise", "e", 11, 10));

    assertThat(startNext(waiting)).isEqualTo("enterprise");
  }

  @Test
  void idle_tenants_are_forgotten_and_get_no_credit_for_their_absence() {
    List<FairShare.Candidate<String>> waiting = new ArrayList<>();
    waiting.add(new FairShare.Candidate<>("early", "early", 1, 0));
    startNext(waiting);
    for (int i = 0; i < 10; i++) {
      waiting.add(new FairShare.Candidate<>("busy-" + i, "busy", 1, 0));
    }
    for (int i = 0; i < 5; i++) {
      startNext(waiting);
    }
    assertThat(fairShare.trackedTenants()).isEqualTo(1);

    waiting.add(new FairShare.Candidate<>("back", "early", 1, 0));
    List<String> next = List.of(startNext(waiting), startNext(waiting), startNext(waiting));
    // Back at the current virtual time: it takes its turn, not a run of the turns it missed.
    assertThat(next).containsExactly("back", "busy-5", "busy-6");
  }

  @Test
  void nothing_waiting_means_nothing_to_start() {
    assertThat(fairShare.<String>next(List.of())).isNull();
  }

  private String startNext(List<FairShare.Candidate<String>> waiting) {
    FairShare.Candidate<String> next = fairShare.next(waiting);
    waiting.remove(next);
    fairShare.started(next);
    return next.job();
  }
}
