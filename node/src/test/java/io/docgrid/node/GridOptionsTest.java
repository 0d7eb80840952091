package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.Discovery;
import io.docgrid.node.config.NodeConfig.GridConfig;
import io.docgrid.node.grid.IgniteConfigs;
import io.docgrid.tasks.grid.GridNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.kubernetes.TcpDiscoveryKubernetesIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.multicast.TcpDiscoveryMulticastIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.apache.ignite.ssl.SslContextFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid flags shared by {@code serve} and {@code worker}, down to the Ignite configuration they
 * build: the IP finder of each kind of discovery, TLS between nodes, and every wrong combination
 * refused with a message naming the flag.
 */
class GridOptionsTest {

  @TempDir static Path pki;

  private static GridCertificates certificates;
  private static Path nodeStore;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certificates = GridCertificates.withCa(pki);
    nodeStore = certificates.signedKeyStore("node");
  }

  private static GridConfig gridOf(Map<String, String> environment, String... workerArgs) {
    return ParsedSettings.worker(environment, workerArgs).grid();
  }

  private static IgniteConfiguration igniteOf(GridConfig grid) {
    return IgniteConfigs.serverNode(grid, Path.of("grid"), false, 2);
  }

  private static TcpDiscoverySpi discoveryOf(GridConfig grid) {
    return (TcpDiscoverySpi) igniteOf(grid).getDiscoverySpi();
  }

  @Test
  void static_discovery_on_the_seeds_is_the_default_with_a_join_timeout_and_no_tls() {
    GridConfig grid = gridOf(Map.of(), "--seeds", "10.0.0.5:47500..47509,10.0.0.6:47500");
    TcpDiscoverySpi discovery = discoveryOf(grid);

    assertThat(discovery.getIpFinder()).isInstanceOf(TcpDiscoveryVmIpFinder.class);
    assertThat(discovery.getIpFinder().getRegisteredAddresses()).isNotEmpty();
    assertThat(grid.seeds()).containsExactly("10.0.0.5:47500..47509", "10.0.0.6:47500");
    assertThat(discovery.getJoinTimeout()).isEqualTo(60_000);
    assertThat(igniteOf(grid).getSslContextFactory()).isNull();
    assertThat(gridOf(Map.of(), "--join-timeout", "0").joinTimeout()).isZero();
  }

  @Test
  void multicast_discovery_uses_the_group_on_the_bind_address() {
    TcpDiscoveryMulticastIpFinder byDefault =
        (TcpDiscoveryMulticastIpFinder)
            discoveryOf(gridOf(Map.of(), "--discovery", "multicast")).getIpFinder();
    assertThat(byDefault.getMulticastGroup()).isEqualTo("228.10.10.157");
    assertThat(byDefault.getLocalAddress()).isEqualTo("127.0.0.1");

    GridConfig chosen =
        gridOf(Map.of("DOCGRID_DISCOVERY", "multicast", "DOCGRID_MULTICAST_GROUP", "239.1.2.3"));
    assertThat(chosen.discovery()).isEqualTo(new Discovery.Multicast("239.1.2.3"));
    assertThat(
            ((TcpDiscoveryMulticastIpFinder) discoveryOf(chosen).getIpFinder()).getMulticastGroup())
        .isEqualTo("239.1.2.3");
  }

  @Test
  void kubernetes_discovery_reads_the_headless_service_from_flags_or_the_environment()
      throws Exception {
    Path token = Files.writeString(pki.resolve("token"), "a-token");
    GridConfig grid =
        gridOf(
            Map.of("DOCGRID_K8S_NAMESPACE", "docgrid"),
            "--discovery",
            "kubernetes",
            "--k8s-service",
            "docgrid-grid",
            "--k8s-master-url",
            "https://10.96.0.1:443",
            "--k8s-account-token-file",
            token.toString(),
            "--discovery-port",
            "47600");

    assertThat(discoveryOf(grid).getIpFinder()).isInstanceOf(TcpDiscoveryKubernetesIpFinder.class);
    var connection =
        IgniteConfigs.kubernetesConnection(grid, (Discovery.Kubernetes) grid.discovery());
    assertThat(connection.getNamespace()).isEqualTo("docgrid");
    assertThat(connection.getServiceName()).isEqualTo("docgrid-grid");
    assertThat(connection.getMaster()).isEqualTo("https://10.96.0.1:443");
    assertThat(connection.getAccountToken()).isEqualTo(token.toString());
    assertThat(connection.getDiscoveryPort()).isEqualTo(47600);

    GridConfig inCluster =
        gridOf(Map.of("DOCGRID_DISCOVERY", "kubernetes", "DOCGRID_K8S_SERVICE", "grid"));
    var defaults =
        IgniteConfigs.kubernetesConnection(inCluster, (Discovery.Kubernetes) inCluster.discovery());
    assertThat(defaults.getNamespace()).isEqualTo("default");
    assertThat(defaults.getMaster()).isEqualTo("https://kubernetes.default.svc.cluster.local:443");
    assertThat(defaults.getAccountToken())
        .isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount/token");
  }

  @Test
  void flags_of_another_kind_of_discovery_are_refused_all_at_once() {
    assertThatThrownBy(
            () ->
                gridOf(
                    Map.of(),
                    "--discovery",
                    "kubernetes",
                    "--seeds",
                    "10.0.0.5:47500",
                    "--multicast-group",
                    "228.10.10.157",
                    "--k8s-master-url",
                    "kubernetes.local"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--seeds (DOCGRID_SEEDS) applies to --discovery static only")
        .hasMessageContaining(
            "--multicast-group (DOCGRID_MULTICAST_GROUP) applies to --discovery multicast only")
        .hasMessageContaining("--discovery kubernetes needs --k8s-service (DOCGRID_K8S_SERVICE)")
        .hasMessageContaining("--k8s-master-url (DOCGRID_K8S_MASTER_URL) must be an http(s) URL");

    assertThatThrownBy(() -> gridOf(Map.of(), "--k8s-service", "grid"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("apply to --discovery kubernetes only");
    assertThatThrownBy(
            () -> gridOf(Map.of(), "--discovery", "multicast", "--multicast-group", "10.0.0.1"))
        .hasMessageContaining("must be an IPv4 multicast address");
    assertThatThrownBy(() -> gridOf(Map.of(), "--discovery", "zookeeper"))
        .hasMessageContaining(
            "--discovery (DOCGRID_DISCOVERY) must be static, multicast or kubernetes, got"
                + " 'zookeeper'");
    assertThatThrownBy(() -> gridOf(Map.of(), "--join-timeout", "soon"))
        .hasMessageContaining("--join-timeout (DOCGRID_JOIN_TIMEOUT)");
  }

  @Test
  void tls_takes_both_stores_with_passwords_from_files_or_the_environment() throws Exception {
    GridConfig grid = gridOf(Map.of(), certificates.flags(nodeStore).toArray(String[]::new));
    SslContextFactory tls = (SslContextFactory) igniteOf(grid).getSslContextFactory();
    assertThat(tls.getKeyStoreFilePath()).isEqualTo(nodeStore.toAbsolutePath().toString());
    assertThat(tls.getKeyStoreType()).isEqualTo("PKCS12");
    assertThat(new String(tls.getKeyStorePassword())).isEqualTo(GridCertificates.PASSWORD);
    assertThat(tls.getTrustStoreFilePath())
        .isEqualTo(certificates.trustStore().toAbsolutePath().toString());
    assertThat(tls.create()).isNotNull();
    assertThat(grid.toString()).doesNotContain(GridCertificates.PASSWORD).contains("<redacted>");

    Map<String, String> environment = new HashMap<>();
    environment.put("DOCGRID_GRID_TLS_KEYSTORE", nodeStore.toString());
    environment.put("DOCGRID_GRID_TLS_KEYSTORE_PASSWORD", GridCertificates.PASSWORD);
    environment.put("DOCGRID_GRID_TLS_TRUSTSTORE", certificates.trustStore().toString());
    environment.put("DOCGRID_GRID_TLS_TRUSTSTORE_PASSWORD", GridCertificates.PASSWORD);
    assertThat(gridOf(environment).tls().keyStore()).isEqualTo(nodeStore);
  }

  @Test
  void unusable_stores_are_configuration_errors() throws Exception {
    Path wrongPassword = Files.writeString(pki.resolve("wrong"), "not-it");
    assertThatThrownBy(
            () ->
                gridOf(
                    Map.of(),
                    "--grid-tls-keystore",
                    nodeStore.toString(),
                    "--grid-tls-keystore-password-file",
                    wrongPassword.toString(),
                    "--grid-tls-truststore",
                    pki.resolve("missing.p12").toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "--grid-tls-keystore (DOCGRID_GRID_TLS_KEYSTORE) cannot be opened as a PKCS12 store"
                + " with the password given")
        .hasMessageContaining(
            "--grid-tls-truststore needs its password in DOCGRID_GRID_TLS_TRUSTSTORE_PASSWORD or"
                + " --grid-tls-truststore-password-file");
    assertThatThrownBy(
            () ->
                gridOf(
                    Map.of("DOCGRID_GRID_TLS_TRUSTSTORE_PASSWORD", "x"),
                    "--grid-tls-keystore",
                    nodeStore.toString(),
                    "--grid-tls-keystore-password-file",
                    certificates.passwordFile().toString(),
                    "--grid-tls-truststore",
                    pki.resolve("missing.p12").toString()))
        .hasMessageContaining(
            "--grid-tls-truststore (DOCGRID_GRID_TLS_TRUSTSTORE) cannot be read: "
                + pki.resolve("missing.p12"));
    assertThatThrownBy(() -> gridOf(Map.of(), "--grid-tls-keystore", nodeStore.toString()))
        .hasMessageContaining("must be given together");
    assertThatThrownBy(
            () ->
                gridOf(
                    Map.of(
                        "DOCGRID_GRID_TLS_KEYSTORE_PASSWORD", GridCertificates.PASSWORD,
                        "DOCGRID_GRID_TLS_TRUSTSTORE_PASSWORD", GridCertificates.PASSWORD),
                    "--grid-tls-keystore",
                    certificates.trustStore().toString(),
                    "--grid-tls-truststore",
                    certificates.trustStore().toString()))
        .hasMessageContaining("holds no private key");
  }

  @Test
  void a_bad_grid_flag_on_serve_exits_with_code_2() {
    assertThat(Main.run(Map.of(), "serve", "--discovery", "kubernetes")).isEqualTo(2);
  }

  @Test
  void every_server_node_starts_the_replicated_draining_cache() {
    CacheConfiguration<?, ?>[] caches = igniteOf(gridOf(Map.of())).getCacheConfiguration();
    assertThat(caches).extracting(CacheConfiguration::getName).contains(GridNames.DRAINING_CACHE);
    assertThat(caches[0].getCacheMode()).isEqualTo(CacheMode.REPLICATED);
  }
}
