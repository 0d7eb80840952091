package io.docgrid.tasks.process;

import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterGroup;

/** The node attributes that say what a node does, and the cluster groups they define. */
public final class NodeRoles {

  /** Set to {@code true} on nodes that execute document jobs. */
  public static final String COMPUTE_ATTRIBUTE = "docgrid.role.compute";

  /** Set to {@code true} on nodes that serve the HTTP API. */
  public static final String API_ATTRIBUTE = "docgrid.role.api";

  private NodeRoles() {}

  /** The server nodes that run document jobs and are not draining; evaluated on every use. */
  public static ClusterGroup computeNodes(Ignite ignite) {
    DrainingNodes draining = new DrainingNodes(ignite);
    return ignite
        .cluster()
        .forServers()
        .forAttribute(COMPUTE_ATTRIBUTE, Boolean.TRUE)
        .forPredicate(node -> !draining.isDraining(node.id()));
  }

  /** Whether {@code node} runs document jobs, draining or not. */
  public static boolean isCompute(org.apache.ignite.cluster.ClusterNode node) {
    return Boolean.TRUE.equals(node.attribute(COMPUTE_ATTRIBUTE));
  }
}
