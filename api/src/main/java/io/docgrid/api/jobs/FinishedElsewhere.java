package io.docgrid.api.jobs;

import java.util.UUID;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteMessaging;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * Tells every API node that a job finished, for clients that wait ({@code Prefer: wait}) on another
 * node than the one where the job finished: a long poll behind a load balancer, or a job that
 * waited for an identical job in flight and was completed where that job finished.
 */
final class FinishedElsewhere implements AutoCloseable {

  private static final String TOPIC = "docgrid.jobs.finished";

  private final IgniteMessaging messaging;
  private final ClusterGroup otherServers;
  private IgniteBiPredicate<UUID, Object> listener;

  FinishedElsewhere(Ignite ignite) {
    this.messaging = ignite.message(ignite.cluster().forServers());
    this.otherServers = ignite.cluster().forServers().forRemotes();
  }

  /** Calls {@code finished} with the id of every job announced anywhere, this node's included. */
  void subscribe(Consumer<UUID> finished) {
    listener =
        (nodeId, jobId) -> {
          finished.accept(UUID.fromString((String) jobId));
          return true;
        };
    messaging.localListen(TOPIC, listener);
  }

  /** Tells the other nodes; the caller has woken this node's waiters itself. */
  void announce(UUID jobId) {
    if (otherServers.nodes().isEmpty()) {
      return; // a node on its own: nobody else can be waiting
    }
    messaging.send(TOPIC, jobId.toString());
  }

  @Override
  public void close() {
    if (listener == null) {
      return;
    }
    try {
      messaging.stopLocalListen(TOPIC, listener);
    } catch (IgniteException | IllegalStateException alreadyStopped) {
      // The node is going down; its listeners go with it.
    }
  }
}
