package io.docgrid.node;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Posts a body over a plain socket while reading the response at the same time, as curl does.
 *
 * <p>A server that refuses an upload part-way answers while the client is still sending, and may
 * close the connection. {@link java.net.http.HttpClient} then fails on the broken write and never
 * reads the answer, which made tests of early refusals flaky. Here the body is written from its own
 * thread and write errors are expected; the answer is read on the caller's thread.
 */
final class EarlyResponseUpload {

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private EarlyResponseUpload() {}

  static Response post(HttpApi api, String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return postThenGet(api, path, contentType, body, Duration.ZERO, null).get(0);
  }

  /**
   * Posts the body, pausing {@code pause} after each 16 KB as a slow link or a proxy relaying one
   * would, and reads the answer; then, if {@code nextPath} is not null, asks for it on the same
   * connection and reads that answer too.
   */
  static List<Response> postThenGet(
      HttpApi api, String path, String contentType, byte[] body, Duration pause, String nextPath)
      throws IOException, InterruptedException {
    URI uri = URI.create(api.base);
    String host = "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n";
    String authorization =
        api.credential() == null ? "" : "Authorization: Bearer " + api.credential() + "\r\n";
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(60_000);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\n"
              + host
              + "Content-Type: "
              + contentType
              + "\r\nContent-Length: "
              + body.length
              + "\r\n"
              + authorization
              + "\r\n";
      Thread writer =
          new Thread(() -> writeQuietly(socket, head, body, pause), "early-response-upload");
      writer.setDaemon(true);
      writer.start();
      try {
        InputStream in = socket.getInputStream();
        List<Response> answers = new ArrayList<>();
        answers.add(read(in));
        if (nextPath != null) {
          writer.join(60_000);
          OutputStream out = socket.getOutputStream();
          out.write(("GET " + nextPath + " HTTP/1.1\r\n" + host + "\r\n").getBytes(US_ASCII));
          out.flush();
          answers.add(read(in));
        }
        return answers;
      } finally {
        socket.close();
        writer.join(10_000);
      }
    }
  }

  private static void writeQuietly(Socket socket, String head, byte[] body, Duration pause) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      for (int offset = 0; offset < body.length; offset += 16 * 1024) {
        out.write(body, offset, Math.min(16 * 1024, body.length - offset));
        if (!pause.isZero()) {
          out.flush();
          Thread.sleep(pause.toMillis());
        }
      }
      out.flush();
    } catch (IOException expected) {
      // The server refused the rest of the body and closed the connection.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    byte[] content;
    if (headers.containsKey("content-length")) {
      content = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      content = chunked(in);
    } else {
      content = in.readAllBytes();
    }
    return new Response(status, headers, new String(content, StandardCharsets.UTF_8));
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
      out.write(in.readNBytes(size));
      line(in);
    }
    return out.toByteArray();
  }

  private static int chunkSize(InputStream in) throws IOException {
    String line = line(in);
    int extension = line.indexOf(';');
    return Integer.parseInt(extension < 0 ? line : line.substring(0, extension), 16);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed inside the response head");
      }
      if (b != '\r') {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
