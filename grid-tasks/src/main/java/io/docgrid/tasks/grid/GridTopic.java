package io.docgrid.tasks.grid;

import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteMessaging;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * An Ignite messaging topic that carries values of one type. {@link #publish} sends a value to the
 * nodes of the group the topic was opened on; {@link #subscribe} listens on this node until the
 * returned {@link Subscription} is closed. How a value travels is fixed per topic, by the factory
 * that opened it, because nodes of a running cluster read what the others send.
 *
 * @param <T> what travels on the topic
 */
public final class GridTopic<T> {

  private final IgniteMessaging messaging;
  private final String name;
  private final Function<T, Object> toWire;
  private final Function<Object, T> fromWire;

  private GridTopic(
      IgniteMessaging messaging,
      String name,
      Function<T, Object> toWire,
      Function<Object, T> fromWire) {
    this.messaging = messaging;
    this.name = name;
    this.toWire = toWire;
    this.fromWire = fromWire;
  }

  /**
   * A topic of records, which travel as the bytes {@link WirePayloads} makes of them: Ignite's
   * marshaller cannot build records (docs/adr/0005).
   */
  public static <T extends Serializable> GridTopic<T> ofRecords(
      IgniteMessaging messaging, String name, Class<T> type) {
    return new GridTopic<>(
        messaging, name, WirePayloads::encode, bytes -> WirePayloads.decode((byte[]) bytes, type));
  }

  /**
   * A topic of values that travel as their {@code toString()} and are read back by {@code parse}.
   */
  public static <T> GridTopic<T> ofText(
      IgniteMessaging messaging, String name, Function<String, T> parse) {
    return new GridTopic<>(messaging, name, String::valueOf, text -> parse.apply((String) text));
  }

  /** A topic of node ids, which Ignite's marshaller sends as they are. */
  public static GridTopic<UUID> ofNodeIds(IgniteMessaging messaging, String name) {
    return new GridTopic<>(messaging, name, id -> id, UUID.class::cast);
  }

  public String name() {
    return name;
  }

  /** Sends {@code value} to every node of the topic's group, this one included if it is in it. */
  public void publish(T value) {
    messaging.send(name, toWire.apply(value));
  }

  /**
   * Calls {@code listener}, on an Ignite messaging thread, with every value that reaches this node
   * on the topic, until the subscription is closed.
   */
  public Subscription subscribe(Consumer<? super T> listener) {
    IgniteBiPredicate<UUID, Object> delivery =
        (sender, message) -> {
          listener.accept(fromWire.apply(message));
          return true;
        };
    messaging.localListen(name, delivery);
    return new Subscription(messaging, name, delivery);
  }

  /** A listener on a topic; closing it stops the deliveries. Closing it twice is harmless. */
  public static final class Subscription implements AutoCloseable {

    private final IgniteMessaging messaging;
    private final String topic;
    private final IgniteBiPredicate<UUID, Object> delivery;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Subscription(
        IgniteMessaging messaging, String topic, IgniteBiPredicate<UUID, Object> delivery) {
      this.messaging = messaging;
      this.topic = topic;
      this.delivery = delivery;
    }

    @Override
    public void close() {
      if (!open.compareAndSet(true, false)) {
        return;
      }
      try {
        messaging.stopLocalListen(topic, delivery);
      } catch (IgniteException | IllegalStateException alreadyStopped) {
        // The node is going down; its listeners go with it.
      }
    }
  }
}
