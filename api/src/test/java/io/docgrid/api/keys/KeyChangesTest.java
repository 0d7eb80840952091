package io.docgrid.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.LocalGrid;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key changes announced on one real Ignite node in this JVM, which hears its own messages. */
class KeyChangesTest {

  private static final long WAIT_SECONDS = 20;

  @Test
  void a_closed_key_changes_forgets_nothing_more(@TempDir Path work) throws Exception {
    try (Ignite ignite = Ignition.start(LocalGrid.onFreePorts(work).node("key-changes"))) {
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
}
