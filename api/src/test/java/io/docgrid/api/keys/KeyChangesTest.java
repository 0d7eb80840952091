package io.docgrid.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key changes announced on one real Ignite node in this JVM, which hears its own messages. */
class KeyChangesTest {

  private static final long WAIT_SECONDS = 20;

  @Test
  void a_closed_key_changes_forgets_nothing_more(@TempDir Path work) throws Exception {
    try (Ignite ignite = Ignition.start(node(work))) {
      BlockingQueue<String> forgottenByClosed = new LinkedBlockingQueue<>();
      BlockingQueue<String> forgottenByOpen = new LinkedBlockingQueue<>();
      // Subscribed first: the node calls a topic's listeners in the order they subscribed, on one
      // thread, so once the open one has a prefix the closed one would have had it too.
      KeyChanges closing = new KeyChanges(ignite);
      closing.subscribe(forgottenByClosed::add);
      try (KeyChanges staying = new KeyChanges(ignite)) {
        staying.subscribe(forgottenByOpen::add);

        staying.announce("dg_before");
        assertThat(forgottenByOpen.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("dg_before");
        assertThat(forgottenByClosed.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("dg_before");

        closing.close();
        staying.announce("dg_after");

        assertThat(forgottenByOpen.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("dg_after");
        assertThat(forgottenByClosed).isEmpty();
      }
    }
  }

  private static IgniteConfiguration node(Path work) {
    int discovery = ThreadLocalRandom.current().nextInt(20_000, 40_000);
    return new IgniteConfiguration()
        .setIgniteInstanceName("key-changes-" + UUID.randomUUID())
        .setWorkDirectory(work.toString())
        .setDiscoverySpi(
            new TcpDiscoverySpi()
                .setIpFinder(
                    new TcpDiscoveryVmIpFinder()
                        .setAddresses(List.of("127.0.0.1:" + discovery + ".." + (discovery + 4))))
                .setLocalAddress("127.0.0.1")
                .setLocalPort(discovery)
                .setLocalPortRange(5))
        .setCommunicationSpi(
            new TcpCommunicationSpi()
                .setLocalAddress("127.0.0.1")
                .setLocalPort(discovery + 10)
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
