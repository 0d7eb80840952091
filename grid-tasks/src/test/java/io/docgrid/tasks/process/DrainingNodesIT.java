package io.docgrid.tasks.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.events.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The draining set, on two real Ignite nodes in this JVM. */
class DrainingNodesTest {

  @Test
  void a_drained_node_is_draining_everywhere_until_it_leaves_the_grid(@TempDir Path work)
      throws Exception {
    int discovery = ThreadLocalRandom.current().nextInt(20_000, 30_000);
    try (Ignite api = Ignition.start(node("drain-api", discovery, work));
        Ignite worker = Ignition.start(node("drain-worker", discovery, work))) {
      DrainingNodes draining = new DrainingNodes(api);
      draining.forgetNodesThatLeave();
      UUID workerId = worker.cluster().localNode().id();

      draining.drain(workerId);
      assertThat(draining.isDraining(workerId)).isTrue();
      assertThat(new DrainingNodes(worker).isDraining(workerId)).isTrue();

      worker.close();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (draining.isDraining(workerId) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(draining.isDraining(workerId)).isFalse();
    }
  }

  private static IgniteConfiguration node(String name, int discoveryPort, Path work) {
    return LocalGrid.node(name, discoveryPort, work)
        .setCacheConfiguration(DrainingNodes.cacheConfiguration())
        .setIncludeEventTypes(EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
  }
}
