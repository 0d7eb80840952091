package io.docgrid.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * Stands in for the Sentry service: an HTTP endpoint on 127.0.0.1 that accepts what the Sentry SDK
 * sends to {@code /api/<project>/envelope/}, gzipped or plain, and decodes the envelope format (a
 * header line, then for each item a header line with its type and length, and its payload). It
 * keeps every event's JSON and the raw text of every envelope, so that tests can look for what must
 * never be sent.
 */
final class SentryStandIn implements AutoCloseable {

  static final String PROJECT = "4711";
  static final String CLIENT_KEY = "c0ffee0123456789";

  private final HttpServer server;
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final List<String> envelopes = new CopyOnWriteArrayList<>();

  SentryStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/" + PROJECT + "/envelope/", this::receive);
    server.start();
  }

  /** The DSN that sends here. */
  String dsn() {
    return "http://" + CLIENT_KEY + "@127.0.0.1:" + server.getAddress().getPort() + "/" + PROJECT;
  }

  /** The events received so far, in order. */
  List<JsonNode> events() {
    return List.copyOf(events);
  }

  /** Everything received so far, decoded to text. */
  String everything() {
    return String.join("\n", envelopes);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      byte[] envelope = "gzip".equalsIgnoreCase(encoding) ? gunzip(body) : body;
      envelopes.add(new String(envelope, StandardCharsets.UTF_8));
      events.addAll(eventsIn(envelope));
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** The payloads of the items of type "event": each item says how many bytes its payload has. */
  static List<JsonNode> eventsIn(byte[] envelope) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    int position = endOfLine(envelope, 0) + 1; // past the envelope's header
    while (position < envelope.length) {
      int headerEnd = endOfLine(envelope, position);
      if (headerEnd == position) {
        position++; // a blank line between items
        continue;
      }
      JsonNode itemHeader =
          HttpApi.JSON.readTree(
              new String(envelope, position, headerEnd - position, StandardCharsets.UTF_8));
      int payloadStart = headerEnd + 1;
      int length =
          itemHeader.has("length")
              ? itemHeader.get("length").asInt()
              : endOfLine(envelope, payloadStart) - payloadStart;
      if ("event".equals(itemHeader.path("type").asText())) {
        found.add(HttpApi.JSON.readTree(new ByteArrayInputStream(envelope, payloadStart, length)));
      }
      position = payloadStart + length + 1;
    }
    return found;
  }

  private static int endOfLine(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
