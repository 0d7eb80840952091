package io.docgrid.api.cache;

import java.util.UUID;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteMessaging;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * Tells every API node that cache entries were purged, so that each drops its near copies at once
 * instead of serving them until they expire.
 */
final class NearCacheInvalidations implements AutoCloseable {

  private static final String TOPIC = "docgrid.result-cache.invalidated";

  private final IgniteMessaging messaging;
  private IgniteBiPredicate<UUID, Object> listener;

  NearCacheInvalidations(Ignite ignite) {
    this.messaging = ignite.message(ignite.cluster().forServers());
  }

  /** Calls {@code forget} with each purged document hash, or {@code *} for all. */
  void subscribe(Consumer<String> forget) {
    listener =
        (nodeId, sha256) -> {
          forget.accept((String) sha256);
          return true;
        };
    messaging.localListen(TOPIC, listener);
  }

  void announce(String sha256) {
    messaging.send(TOPIC, sha256);
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
