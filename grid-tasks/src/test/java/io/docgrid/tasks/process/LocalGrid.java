package io.docgrid.tasks.process;

import java.nio.file.Path;
import java.util.List;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/** Small Ignite server nodes for tests: on 127.0.0.1 only, finding each other, 32 MB of memory. */
final class LocalGrid {

  private LocalGrid() {}

  /**
   * A node named {@code name} that discovers its peers on {@code discoveryPort} and the four ports
   * after it, and talks to them from {@code discoveryPort + 10} on; no client or REST listeners.
   */
  static IgniteConfiguration node(String name, int discoveryPort, Path work) {
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
                .setDefaultDataRegionConfiguration(
                    new DataRegionConfiguration()
                        .setName("default")
                        .setInitialSize(16L << 20)
                        .setMaxSize(32L << 20)))
        .setMetricsLogFrequency(0)
        .setClientConnectorConfiguration(null)
        .setConnectorConfiguration(null);
  }
}
