package io.docgrid.tasks.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.LocalGrid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.events.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The draining set, on two real Ignite nodes in this JVM. */
class DrainingNodesIT {

  @Test
  void a_drained_node_is_draining_everywhere_until_it_leaves_the_grid(@TempDir Path work)
      throws Exception {
    LocalGrid grid = LocalGrid.onFreePorts(work);
    try (Ignite api = Ignition.start(node(grid, "drain-api"));
        Ignite worker = Ignition.start(node(grid, "drain-worker"))) {
      DrainingNodes draining = new DrainingNodes(api);
      draining.forgetNodesThatLeave();
      UUID workerId = worker.cluster().localNode().id();

      draining.drain(workerId);
      assertThat(draining.isDraining(workerId)).isTrue();
      assertThat(new DrainingNodes(worker).isDraining(workerId)).isTrue();

      worker.close();
      Eventually.await(
          "the left node forgotten", Duration.ofSeconds(20), () -> !draining.isDraining(workerId));
    }
  }

  private static IgniteConfiguration node(LocalGrid grid, String name) {
    return grid.node(name)
        .setCacheConfiguration(DrainingNodes.cacheConfiguration())
        .setIncludeEventTypes(EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
  }
}
