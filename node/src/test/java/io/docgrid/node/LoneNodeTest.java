package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.wiring.Wiring;
import io.docgrid.testkit.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that could not get into the cluster on its seeds, while something there accepts
 * connections (a peer that turned it away), refuses to start rather than form a cluster of its own.
 */
class LoneNodeTest {

  @Test
  void a_node_turned_away_by_a_listening_seed_does_not_start_alone(@TempDir Path temp)
      throws Exception {
    int discovery = FreePorts.block(5);
    try (ServerSocket silentPeer =
        new ServerSocket(discovery + 4, 50, InetAddress.getLoopbackAddress())) {
      NodeConfig withJoinTimeout =
          TestNodeConfig.in(temp.resolve("data"))
              .cluster(discovery)
              .joinTimeout(Duration.ofSeconds(5))
              .build();

      assertThatThrownBy(() -> new Wiring(withJoinTimeout).start())
          .isInstanceOf(CommandFailure.class)
          .hasMessageStartingWith("could not join the grid");
    }
  }
}
