package io.docgrid.node.grid;

import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.NodeConfig.GridConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the grid node, turning a refused join into one line an operator can act on: the usual
 * cause is a TLS mismatch between this node and its peers, or peers it cannot reach in time.
 */
public final class GridNode {

  private static final Logger log = LoggerFactory.getLogger(GridNode.class);
  private static final int PROBE_MILLIS = 300;

  private GridNode() {}

  public static Ignite start(IgniteConfiguration configuration, GridConfig grid) {
    Ignite ignite;
    try {
      ignite = Ignition.start(configuration);
    } catch (IgniteException e) {
      log.error("the grid node did not start", e);
      throw new CommandFailure(CommandFailure.FAILED, "could not join the grid: " + reason(e));
    }
    Optional<InetSocketAddress> refusedBy = peerThatRefusedUs(ignite, grid);
    if (refusedBy.isPresent()) {
      ignite.close();
      throw new CommandFailure(
          CommandFailure.FAILED,
          "could not join the grid: a node listens on "
              + refusedBy.get()
              + " but did not let this one in, so this node stopped rather than start a cluster"
              + " of its own. "
              + TLS_HINT);
    }
    return ignite;
  }

  private static final String TLS_HINT =
      "Every node needs --grid-tls-keystore with a certificate the others' --grid-tls-truststore"
          + " accepts, or none of them does.";

  /**
   * A refused TLS handshake can look to Ignite like a seed that does not answer; a node that finds
   * its own address among the seeds then starts alone. Alone while another seed accepts connections
   * means it was turned away.
   */
  private static Optional<InetSocketAddress> peerThatRefusedUs(Ignite ignite, GridConfig grid) {
    if (ignite.cluster().forServers().nodes().size() > 1 || grid.seeds().isEmpty()) {
      return Optional.empty();
    }
    // This node's own listeners answer too: its discovery port, and its communication port when
    // that lies among the seeds' ports.
    Set<Integer> ownPorts =
        Set.of(
            ((TcpDiscoverySpi) ignite.configuration().getDiscoverySpi()).getLocalPort(),
            ((TcpCommunicationSpi) ignite.configuration().getCommunicationSpi()).getLocalPort());
    for (InetSocketAddress seed : expand(grid.seeds())) {
      if (ownPorts.contains(seed.getPort()) && isLocal(seed.getAddress())) {
        continue;
      }
      if (accepts(seed)) {
        return Optional.of(seed);
      }
    }
    return Optional.empty();
  }

  private static List<InetSocketAddress> expand(List<String> seeds) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String seed : seeds) {
      int colon = seed.lastIndexOf(':');
      String host = seed.substring(0, colon).replace("[", "").replace("]", "");
      String[] ports = seed.substring(colon + 1).split("\\.\\.");
      int from = Integer.parseInt(ports[0]);
      int to = ports.length > 1 ? Integer.parseInt(ports[1]) : from;
      for (int port = from; port <= to; port++) {
        addresses.add(new InetSocketAddress(host, port));
      }
    }
    return addresses;
  }

  private static boolean isLocal(InetAddress address) {
    try {
      return address != null
          && (address.isLoopbackAddress()
              || address.isAnyLocalAddress()
              || NetworkInterface.getByInetAddress(address) != null);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean accepts(InetSocketAddress address) {
    if (address.isUnresolved()) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, PROBE_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String reason(Throwable failure) {
    String detail = innermostMessage(failure);
    if (involvesTls(failure)) {
      return "a peer refused this node's TLS connection, or one side does not use TLS ("
          + detail
          + "). "
          + TLS_HINT;
    }
    return detail;
  }

  private static boolean involvesTls(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException
          || (t.getMessage() != null && t.getMessage().contains("SSL"))) {
        return true;
      }
    }
    return false;
  }

  private static String innermostMessage(Throwable failure) {
    String message = failure.getMessage();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message;
  }
}
