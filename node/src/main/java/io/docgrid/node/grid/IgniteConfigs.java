package io.docgrid.node.grid;

import io.docgrid.node.config.Discovery;
import io.docgrid.node.config.GridTls;
import io.docgrid.node.config.NodeConfig.GridConfig;
import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.process.DrainingNodes;
import io.docgrid.tasks.process.FairShareCollisionSpi;
import java.nio.file.Path;
import java.util.Map;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SystemDataRegionConfiguration;
import org.apache.ignite.events.EventType;
import org.apache.ignite.kubernetes.configuration.KubernetesConnectionConfiguration;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.TcpDiscoveryIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.kubernetes.TcpDiscoveryKubernetesIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.multicast.TcpDiscoveryMulticastIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.apache.ignite.ssl.SslContextFactory;

/** Builds the Ignite configuration of a node from its {@link GridConfig}, in Java, no XML. */
public final class IgniteConfigs {

  private static final long MB = 1L << 20;

  private IgniteConfigs() {}

  /**
   * @param parallelJobs how many document jobs a compute node runs at once; the waiting ones start
   *     in fair shares between tenants, weighted by their tier's priority
   */
  public static IgniteConfiguration serverNode(
      GridConfig grid, Path workDirectory, boolean api, int parallelJobs) {
    var discovery =
        new TcpDiscoverySpi()
            .setIpFinder(ipFinder(grid))
            .setLocalAddress(grid.bindAddress())
            .setLocalPort(grid.discoveryPort())
            .setLocalPortRange(grid.discoveryPortRange())
            .setJoinTimeout(grid.joinTimeout().toMillis());
    var communication =
        new TcpCommunicationSpi()
            .setLocalAddress(grid.bindAddress())
            .setLocalPort(grid.communicationPort())
            .setLocalPortRange(100);
    var storage =
        new DataStorageConfiguration()
            .setDefaultDataRegionConfiguration(
                new DataRegionConfiguration()
                    .setName(GridNames.DEFAULT_REGION)
                    .setInitialSize(Math.min(grid.dataRegionBytes(), 32 * MB))
                    .setMaxSize(grid.dataRegionBytes()))
            .setDataRegionConfigurations(ResultCacheRegion.of(grid.resultCacheBytes()))
            .setSystemDataRegionConfiguration(
                new SystemDataRegionConfiguration().setInitialSize(16 * MB).setMaxSize(64 * MB));
    var configuration = new IgniteConfiguration();
    if (grid.tls() != null) {
      // Covers discovery and communication; both demand the peer's certificate.
      configuration.setSslContextFactory(sslContextFactory(grid.tls()));
    }
    return configuration
        .setIgniteInstanceName(grid.nodeName())
        .setWorkDirectory(workDirectory.toAbsolutePath().toString())
        .setGridLogger(new Slf4jLogger())
        .setDiscoverySpi(discovery)
        .setCommunicationSpi(communication)
        .setDataStorageConfiguration(storage)
        .setCacheConfiguration(DrainingNodes.cacheConfiguration())
        .setCollisionSpi(new FairShareCollisionSpi(parallelJobs))
        .setUserAttributes(
            Map.of(
                GridNames.COMPUTE_ROLE_ATTRIBUTE,
                grid.compute(),
                GridNames.API_ROLE_ATTRIBUTE,
                api))
        // Jobs waiting for a compute node are dispatched when one joins; the jobs of an API node
        // that leaves are queued again at once rather than when their leases lapse.
        .setIncludeEventTypes(
            EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED)
        .setPeerClassLoadingEnabled(false)
        .setMetricsLogFrequency(0)
        // No thin-client or legacy REST listeners: nothing but the grid's own ports is opened.
        .setClientConnectorConfiguration(null)
        .setConnectorConfiguration(null);
  }

  static TcpDiscoveryIpFinder ipFinder(GridConfig grid) {
    Discovery discovery = grid.discovery();
    if (discovery instanceof Discovery.Multicast multicast) {
      var finder = new TcpDiscoveryMulticastIpFinder();
      finder.setMulticastGroup(multicast.group());
      finder.setLocalAddress(grid.bindAddress());
      return finder;
    }
    if (discovery instanceof Discovery.Kubernetes kubernetes) {
      return new TcpDiscoveryKubernetesIpFinder(kubernetesConnection(grid, kubernetes));
    }
    return new TcpDiscoveryVmIpFinder().setAddresses(grid.seeds());
  }

  /**
   * How the Kubernetes IP finder reaches the API; unset master URL and token keep Ignite's
   * in-cluster defaults.
   */
  public static KubernetesConnectionConfiguration kubernetesConnection(
      GridConfig grid, Discovery.Kubernetes kubernetes) {
    var connection =
        new KubernetesConnectionConfiguration()
            .setNamespace(kubernetes.namespace())
            .setServiceName(kubernetes.service())
            // Pods listen on the first discovery port; the service's endpoints carry no port.
            .setDiscoveryPort(grid.discoveryPort());
    if (kubernetes.masterUrl() != null) {
      connection.setMasterUrl(kubernetes.masterUrl());
    }
    if (kubernetes.accountTokenFile() != null) {
      connection.setAccountToken(kubernetes.accountTokenFile().toString());
    }
    return connection;
  }

  static SslContextFactory sslContextFactory(GridTls tls) {
    var factory = new SslContextFactory();
    factory.setKeyStoreType("PKCS12");
    factory.setKeyStoreFilePath(tls.keyStore().toAbsolutePath().toString());
    factory.setKeyStorePassword(tls.keyStorePassword().toCharArray());
    factory.setTrustStoreType("PKCS12");
    factory.setTrustStoreFilePath(tls.trustStore().toAbsolutePath().toString());
    factory.setTrustStorePassword(tls.trustStorePassword().toCharArray());
    return factory;
  }
}
