package io.docgrid.ops.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Stands in for the pager's and the chat's HTTP APIs: Alertmanager's PagerDuty, Slack and webhook
 * receivers post here, and the test reads what arrived, by path.
 */
final class AlertReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Delivery> deliveries = new ArrayList<>();

  /** A notification as it arrived. */
  record Delivery(String path, JsonNode body) {}

  AlertReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        exchange -> {
          JsonNode body = JSON.readTree(exchange.getRequestBody());
          synchronized (this) {
            deliveries.add(new Delivery(exchange.getRequestURI().getPath(), body));
            notifyAll();
          }
          // PagerDuty's Events API answers 202, Slack's webhooks 200: either is a success.
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    server.start();
  }

  /** Where a receiver posts to reach {@code path} here. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Waits for a notification at {@code path} that {@code matches}. */
  synchronized Optional<Delivery> await(String path, Predicate<JsonNode> matches, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Delivery delivery : deliveries) {
        if (delivery.path().equals(path) && matches.test(delivery.body())) {
          return Optional.of(delivery);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
