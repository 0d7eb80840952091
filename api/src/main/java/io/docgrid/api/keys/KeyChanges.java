package io.docgrid.api.keys;

import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.grid.GridTopic;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ignite.Ignite;

/**
 * Tells every node of the cluster that a key was revoked or rotated, so that each drops its cached
 * copy at once instead of when the cache entry expires. Closing it stops this node's listeners.
 */
public final class KeyChanges implements AutoCloseable {

  private final GridTopic<String> topic;
  private final List<GridTopic.Subscription> subscriptions = new CopyOnWriteArrayList<>();

  public KeyChanges(Ignite ignite) {
    this.topic =
        GridTopic.ofText(
            ignite.message(ignite.cluster().forServers()),
            GridNames.KEYS_CHANGED_TOPIC,
            Function.identity());
  }

  /** Calls {@code forget} with the prefix of every key changed anywhere in the cluster. */
  public void subscribe(Consumer<String> forget) {
    subscriptions.add(topic.subscribe(forget));
  }

  public void announce(String prefix) {
    topic.publish(prefix);
  }

  @Override
  public void close() {
    subscriptions.forEach(GridTopic.Subscription::close);
  }
}
