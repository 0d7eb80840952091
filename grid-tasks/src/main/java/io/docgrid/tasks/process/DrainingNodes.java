package io.docgrid.tasks.process;

import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.grid.GridTopic;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteMessaging;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheRebalanceMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;

/**
 * The compute nodes an operator has asked to drain: they take no new grid jobs, finish those they
 * have, and (a worker) leave. The ids live in a small replicated cache, so every server node can
 * tell locally, on every dispatch, whether a node is draining; the node itself is told by a
 * message.
 */
public final class DrainingNodes {

  private final Ignite ignite;

  public DrainingNodes(Ignite ignite) {
    this.ignite = ignite;
  }

  /** Every server node starts the cache with its configuration, so it is there before any use. */
  public static CacheConfiguration<UUID, Boolean> cacheConfiguration() {
    return new CacheConfiguration<UUID, Boolean>(GridNames.DRAINING_CACHE)
        .setCacheMode(CacheMode.REPLICATED)
        .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
        .setRebalanceMode(CacheRebalanceMode.SYNC);
  }

  /** Whether {@code nodeId} was asked to drain: a local read, no network. */
  public boolean isDraining(UUID nodeId) {
    IgniteCache<UUID, Boolean> cache = cache();
    return cache != null && cache.localPeek(nodeId) != null;
  }

  /** Marks the node draining on every node, then tells it. Repeating it is harmless. */
  public void drain(UUID nodeId) {
    cache().put(nodeId, Boolean.TRUE);
    drainTopic(ignite.message(ignite.cluster().forNodeId(nodeId))).publish(nodeId);
  }

  /**
   * From now on, removes a node from the draining set once it has left the grid: its id never comes
   * back (a restarted node gets a new one), so the set stays as small as the drains in progress.
   * Needs the node-left and node-failed events enabled; call it on API nodes.
   */
  public void forgetNodesThatLeave() {
    ignite
        .events()
        .localListen(
            event -> {
              UUID left = ((DiscoveryEvent) event).eventNode().id();
              // Not on the discovery thread: a cache update there can wait on the very topology
              // change that is being announced.
              ignite.scheduler().runLocal(() -> forget(left));
              return true;
            },
            EventType.EVT_NODE_LEFT,
            EventType.EVT_NODE_FAILED);
  }

  private void forget(UUID nodeId) {
    try {
      IgniteCache<UUID, Boolean> cache = cache();
      if (cache != null && cache.localPeek(nodeId) != null) {
        cache.remove(nodeId);
      }
    } catch (IgniteException | IllegalStateException stopping) {
      // This node is going down too; the cache goes with the cluster.
    }
  }

  /** Runs {@code action} once, on its own thread, when this node is asked to drain. */
  public void onDrainOfThisNode(Runnable action) {
    UUID self = ignite.cluster().localNode().id();
    AtomicBoolean started = new AtomicBoolean();
    Runnable once =
        () -> {
          if (started.compareAndSet(false, true)) {
            new Thread(action, "docgrid-drain").start();
          }
        };
    drainTopic(ignite.message())
        .subscribe(
            asked -> {
              if (self.equals(asked)) {
                once.run();
              }
            });
    // A drain that came between joining the grid and listening was missed as a message.
    if (isDraining(self)) {
      once.run();
    }
  }

  private IgniteCache<UUID, Boolean> cache() {
    return ignite.cache(GridNames.DRAINING_CACHE);
  }

  private static GridTopic<UUID> drainTopic(IgniteMessaging messaging) {
    return GridTopic.ofNodeIds(messaging, GridNames.DRAIN_NODE_TOPIC);
  }
}
