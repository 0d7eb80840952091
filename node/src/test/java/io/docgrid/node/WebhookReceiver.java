package io.docgrid.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1: records every delivery it gets and answers with the statuses it
 * was told to, in order, then with {@link #then}. {@link #STALL} answers nothing until the sender
 * has given up (a timeout).
 */
final class WebhookReceiver implements AutoCloseable {

  static final int STALL = -1;

  /** One request as it arrived, and what it was answered. */
  record Received(
      String id, String timestamp, String signatures, String body, long arrivedNanos, int answer) {

    /** Whether one of the signatures is the Standard Webhooks v1 signature with {@code secret}. */
    boolean signedWith(String secret) {
      String expected = "v1," + hmac(secret, id + "." + timestamp + "." + body);
      return List.of(signatures.split(" ")).contains(expected);
    }
  }

  private final HttpServer server;
  private final Deque<Integer> answers = new ArrayDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final long stallMillis;
  private volatile int then = 200;

  /**
   * @param stallMillis how long a stalled answer waits: longer than the sender's timeout
   */
  WebhookReceiver(long stallMillis) throws IOException {
    this.stallMillis = stallMillis;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", this::receive);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  synchronized WebhookReceiver answer(int... statuses) {
    for (int status : statuses) {
      answers.add(status);
    }
    return this;
  }

  /** What every request is answered once the listed answers are used up. */
  WebhookReceiver then(int status) {
    then = status;
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<Received> receivedWith(String id) {
    return received.stream().filter(request -> request.id().equals(id)).toList();
  }

  private synchronized int nextAnswer() {
    Integer next = answers.poll();
    return next == null ? then : next;
  }

  private void receive(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int answer = nextAnswer();
    received.add(
        new Received(
            exchange.getRequestHeaders().getFirst("webhook-id"),
            exchange.getRequestHeaders().getFirst("webhook-timestamp"),
            exchange.getRequestHeaders().getFirst("webhook-signature"),
            body,
            arrived,
            answer));
    if (answer == STALL) {
      try {
        // Simulates a slow endpoint; the sender's timeout is what ends the exchange.
        closing.await(stallMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer = 200;
    }
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  static String hmac(String secret, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
