package io.docgrid.tasks.process;

import io.docgrid.tasks.grid.GridNames;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterGroup;

/**
 * What a node does, by its role attributes ({@link GridNames#COMPUTE_ROLE_ATTRIBUTE}, {@link
 * GridNames#API_ROLE_ATTRIBUTE}), and the cluster groups they define.
 */
public final class NodeRoles {

  private NodeRoles() {}

  /** The server nodes that run document jobs and are not draining; evaluated on every use. */
  public static ClusterGroup computeNodes(Ignite ignite) {
    DrainingNodes draining = new DrainingNodes(ignite);
    return ignite
        .cluster()
        .forServers()
        .forAttribute(GridNames.COMPUTE_ROLE_ATTRIBUTE, Boolean.TRUE)
        .forPredicate(node -> !draining.isDraining(node.id()));
  }

  /** Whether {@code node} runs document jobs, draining or not. */
  public static boolean isCompute(org.apache.ignite.cluster.ClusterNode node) {
    return Boolean.TRUE.equals(node.attribute(GridNames.COMPUTE_ROLE_ATTRIBUTE));
  }
}
