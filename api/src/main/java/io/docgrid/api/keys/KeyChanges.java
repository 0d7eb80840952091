package io.docgrid.api.keys;

import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteMessaging;

/**
 * Tells every node of the cluster that a key was revoked or rotated, so that each drops its cached
 * copy at once instead of when the cache entry expires.
 */
public final class KeyChanges {

  private static final String TOPIC = "docgrid.keys.changed";

  private final IgniteMessaging messaging;

  public KeyChanges(Ignite ignite) {
    this.messaging = ignite.message(ignite.cluster().forServers());
  }

  /** Calls {@code forget} with the prefix of every key changed anywhere in the cluster. */
  public void subscribe(Consumer<String> forget) {
    messaging.localListen(
        TOPIC,
        (nodeId, prefix) -> {
          forget.accept((String) prefix);
          return true;
        });
  }

  public void announce(String prefix) {
    messaging.send(TOPIC, prefix);
  }
}
