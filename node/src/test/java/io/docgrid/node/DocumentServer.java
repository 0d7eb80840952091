package io.docgrid.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.docgrid.testkit.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Documents served over HTTP on 127.0.0.1, for jobs by URL: {@code /doc/<corpus file>} with its
 * length, {@code /chunked/<bytes>} that many bytes without a length, {@code /stall} a few bytes and
 * then silence, and {@code /redirect?<url>} a 302 to the URL. Records every request it gets (path
 * and headers asked about), so a test can tell that no connection was made.
 */
final class DocumentServer implements AutoCloseable {

  /** One request: its path and query, and its Authorization header. */
  record Request(String target, String authorization) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  DocumentServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::serve);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(
        new Request(
            path + (query == null ? "" : "?" + query),
            exchange.getRequestHeaders().getFirst("Authorization")));
    try (exchange) {
      if (path.startsWith("/doc/")) {
        byte[] body = Files.readAllBytes(Corpus.dev(path.substring("/doc/".length())));
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } else if (path.startsWith("/chunked/")) {
        long length = Long.parseLong(path.substring("/chunked/".length()));
        exchange.sendResponseHeaders(200, 0);
        byte[] block = new byte[8192];
        try (OutputStream out = exchange.getResponseBody()) {
          for (long sent = 0; sent < length; sent += block.length) {
            out.write(block, 0, (int) Math.min(block.length, length - sent));
          }
        } catch (IOException e) {
          // The fetcher stopped reading at its limit.
        }
      } else if (path.equals("/stall")) {
        // A few bytes, then silence until the fetcher gives up (or the server closes).
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write(new byte[] {'%', 'P', 'D', 'F'});
        exchange.getResponseBody().flush();
        try {
          closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else if (path.equals("/redirect")) {
        exchange.getResponseHeaders().add("Location", query);
        exchange.sendResponseHeaders(302, -1);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
