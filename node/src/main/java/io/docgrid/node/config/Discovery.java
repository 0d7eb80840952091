package io.docgrid.node.config;

import java.nio.file.Path;
import java.util.List;

/** How a node finds its peers: the IP finder of Ignite's discovery. */
public sealed interface Discovery {

  /** A fixed list of addresses, {@code host:port} or {@code host:from..to}. */
  record Static(List<String> seeds) implements Discovery {
    public Static {
      seeds = List.copyOf(seeds);
    }
  }

  /** Nodes announce themselves on a multicast group; slower to start (a few seconds' wait). */
  record Multicast(String group) implements Discovery {}

  /**
   * The addresses of the pods behind a headless Kubernetes service, read from the Kubernetes API.
   *
   * @param masterUrl the API server; null for the in-cluster default
   * @param accountTokenFile the service account token; null for the in-cluster default
   */
  record Kubernetes(String namespace, String service, String masterUrl, Path accountTokenFile)
      implements Discovery {}
}
