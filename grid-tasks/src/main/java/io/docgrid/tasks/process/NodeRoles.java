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

  public static ClusterGroup computeNodes(Ignite ignite) {
    return ignite.cluster().forServers().forAttribute(COMPUTE_ATTRIBUTE, Boolean.TRUE);
  }
}
