package io.docgrid.node.grid;

import io.docgrid.node.config.NodeConfig.GridConfig;
import io.docgrid.tasks.process.NodeRoles;
import java.nio.file.Path;
import java.util.Map;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SystemDataRegionConfiguration;
import org.apache.ignite.events.EventType;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/** Builds the Ignite configuration of a node from its {@link GridConfig}, in Java, no XML. */
public final class IgniteConfigs {

  private static final long MB = 1L << 20;

  private IgniteConfigs() {}

  public static IgniteConfiguration serverNode(GridConfig grid, Path workDirectory, boolean api) {
    var finder = new TcpDiscoveryVmIpFinder().setAddresses(grid.seeds());
    var discovery =
        new TcpDiscoverySpi()
            .setIpFinder(finder)
            .setLocalAddress(grid.bindAddress())
            .setLocalPort(grid.discoveryPort())
            .setLocalPortRange(grid.discoveryPortRange());
    var communication =
        new TcpCommunicationSpi()
            .setLocalAddress(grid.bindAddress())
            .setLocalPort(grid.communicationPort())
            .setLocalPortRange(100);
    var storage =
        new DataStorageConfiguration()
            .setDefaultDataRegionConfiguration(
                new DataRegionConfiguration()
                    .setName("default")
                    .setInitialSize(Math.min(grid.dataRegionBytes(), 32 * MB))
                    .setMaxSize(grid.dataRegionBytes()))
            .setSystemDataRegionConfiguration(
                new SystemDataRegionConfiguration().setInitialSize(16 * MB).setMaxSize(64 * MB));
    return new IgniteConfiguration()
        .setIgniteInstanceName(grid.nodeName())
        .setWorkDirectory(workDirectory.toAbsolutePath().toString())
        .setGridLogger(new Slf4jLogger())
        .setDiscoverySpi(discovery)
        .setCommunicationSpi(communication)
        .setDataStorageConfiguration(storage)
        .setUserAttributes(
            Map.of(NodeRoles.COMPUTE_ATTRIBUTE, grid.compute(), NodeRoles.API_ATTRIBUTE, api))
        // Jobs waiting for a compute node are dispatched when one joins.
        .setIncludeEventTypes(EventType.EVT_NODE_JOINED)
        .setPeerClassLoadingEnabled(false)
        .setMetricsLogFrequency(0)
        // No thin-client or legacy REST listeners: nothing but the grid's own ports is opened.
        .setClientConnectorConfiguration(null)
        .setConnectorConfiguration(null);
  }
}
