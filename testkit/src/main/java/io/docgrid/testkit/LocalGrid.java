package io.docgrid.testkit;

import java.nio.file.Path;
import java.util.List;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SystemDataRegionConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * A grid of small Ignite server nodes in the test JVM: on 127.0.0.1 only, on ports that were free
 * when it was made (so that it meets neither a real cluster nor another test run's), 32 MB of
 * memory a region. Nodes made by one {@code LocalGrid} find each other.
 */
public final class LocalGrid {

  private static final long MB = 1L << 20;

  /** Five discovery ports, then communication ports from the tenth on. */
  private static final int PORTS = 20;

  private final int discoveryPort;
  private final Path work;

  private LocalGrid(int discoveryPort, Path work) {
    this.discoveryPort = discoveryPort;
    this.work = work;
  }

  /** A grid whose nodes keep their work directories under {@code work}. */
  public static LocalGrid onFreePorts(Path work) {
    return new LocalGrid(FreePorts.block(PORTS), work);
  }

  /** The configuration of a node named {@code name}; no client or REST listeners. */
  public IgniteConfiguration node(String name) {
    return new IgniteConfiguration()
        .setIgniteInstanceName(name)
        .setWorkDirectory(work.resolve(name).toString())
        .setDiscoverySpi(
            new TcpDiscoverySpi()
                .setIpFinder(
                    new TcpDiscoveryVmIpFinder()
                        .setAddresses(
                            List.of("127.0.0.1:" + discoveryPort + ".." + (discoveryPort + 4))))
                .setLocalAddress("127.0.0.1")
                .setLocalPort(discoveryPort)
                .setLocalPortRange(5))
        .setCommunicationSpi(
            new TcpCommunicationSpi()
                .setLocalAddress("127.0.0.1")
                .setLocalPort(discoveryPort + 10)
                .setLocalPortRange(10))
        .setDataStorageConfiguration(
            new DataStorageConfiguration()
                .setDefaultDataRegionConfiguration(region("default", 32 * MB))
                .setSystemDataRegionConfiguration(
                    new SystemDataRegionConfiguration()
                        .setInitialSize(16 * MB)
                        .setMaxSize(32 * MB)))
        .setMetricsLogFrequency(0)
        .setClientConnectorConfiguration(null)
        .setConnectorConfiguration(null);
  }

  /** A data region of at most {@code maxBytes}, starting at 16 MB or less. */
  public static DataRegionConfiguration region(String name, long maxBytes) {
    return new DataRegionConfiguration()
        .setName(name)
        .setInitialSize(Math.min(maxBytes, 16 * MB))
        .setMaxSize(maxBytes);
  }
}
