package io.docgrid.api.cache;

import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.grid.GridTopic;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ignite.Ignite;

/**
 * Tells every API node that cache entries were purged, so that each drops its near copies at once
 * instead of serving them until they expire.
 */
final class NearCacheInvalidations implements AutoCloseable {

  private final GridTopic<String> topic;
  private GridTopic.Subscription subscription;

  NearCacheInvalidations(Ignite ignite) {
    this.topic =
        GridTopic.ofText(
            ignite.message(ignite.cluster().forServers()),
            GridNames.RESULT_CACHE_INVALIDATED_TOPIC,
            Function.identity());
  }

  /** Calls {@code forget} with each purged document hash, or {@code *} for all. */
  void subscribe(Consumer<String> forget) {
    subscription = topic.subscribe(forget);
  }

  void announce(String sha256) {
    topic.publish(sha256);
  }

  @Override
  public void close() {
    if (subscription != null) {
      subscription.close();
    }
  }
}
