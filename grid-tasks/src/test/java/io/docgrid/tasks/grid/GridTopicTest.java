package io.docgrid.tasks.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.process.JobStarted;
import io.docgrid.testkit.LocalGrid;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Typed topics on one real Ignite node in this JVM, which delivers what it sends to itself. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridTopicTest {

  private static final long WAIT_SECONDS = 20;

  private Ignite ignite;

  @BeforeAll
  void startNode(@TempDir Path work) {
    ignite = Ignition.start(LocalGrid.onFreePorts(work).node("grid-topic"));
  }

  @AfterAll
  void stopNode() {
    if (ignite != null) {
      ignite.close();
    }
  }

  @Test
  void a_published_record_reaches_a_subscriber_whole() throws Exception {
    // A record of the kind that travels on the grid (a wire payload type): Ignite's marshaller
    // could not build it.
    GridTopic<JobStarted> topic =
        GridTopic.ofRecords(ignite.message(), uniqueName(), JobStarted.class);
    BlockingQueue<JobStarted> received = new LinkedBlockingQueue<>();
    JobStarted sent =
        new JobStarted(UUID.randomUUID(), "node-a", Instant.parse("2024-05-01T10:15:30Z"));

    try (GridTopic.Subscription subscription = topic.subscribe(received::add)) {
      topic.publish(sent);

      assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(sent);
    }
  }

  @Test
  void text_and_node_id_topics_read_back_what_was_published() throws Exception {
    GridTopic<UUID> jobIds = GridTopic.ofText(ignite.message(), uniqueName(), UUID::fromString);
    GridTopic<UUID> nodeIds = GridTopic.ofNodeIds(ignite.message(), uniqueName());
    BlockingQueue<UUID> jobs = new LinkedBlockingQueue<>();
    BlockingQueue<UUID> nodes = new LinkedBlockingQueue<>();
    UUID job = UUID.randomUUID();
    UUID node = ignite.cluster().localNode().id();

    try (var jobSubscription = jobIds.subscribe(jobs::add);
        var nodeSubscription = nodeIds.subscribe(nodes::add)) {
      jobIds.publish(job);
      nodeIds.publish(node);

      assertThat(jobs.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(job);
      assertThat(nodes.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(node);
    }
  }

  @Test
  void a_closed_subscription_receives_nothing_more() throws Exception {
    GridTopic<String> topic = GridTopic.ofText(ignite.message(), uniqueName(), text -> text);
    BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    BlockingQueue<String> open = new LinkedBlockingQueue<>();
    // Subscribed first: the node calls a topic's listeners in the order they subscribed, on one
    // thread, so once the open one has a message the closed one would have had it too.
    GridTopic.Subscription closing = topic.subscribe(closed::add);
    try (GridTopic.Subscription staying = topic.subscribe(open::add)) {
      topic.publish("before");
      assertThat(open.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("before");
      assertThat(closed.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("before");

      closing.close();
      closing.close(); // harmless
      topic.publish("after");

      assertThat(open.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("after");
      assertThat(closed).isEmpty();
    }
  }

  private static String uniqueName() {
    return "test.topic." + UUID.randomUUID();
  }
}
