package io.docgrid.node.wiring;

import io.docgrid.api.health.Readiness.Check;
import io.docgrid.api.health.Readiness.ComponentState;
import org.apache.ignite.Ignite;

/** The readiness check every node role shares: the grid is active, and how many servers it has. */
final class GridCheck {

  private GridCheck() {}

  static Check of(Ignite ignite) {
    return new Check(
        "grid",
        () ->
            ComponentState.of(
                ignite.cluster().state().active(),
                ignite.cluster().forServers().nodes().size() + " server nodes"));
  }
}
