import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Receives DocGrid's webhook deliveries, verifies their signatures, prints each verified event:
 * {@code java examples/ReceiveWebhooks.java PORT} (Java 11+, no dependencies). Listens on
 * 127.0.0.1:PORT. Needs DOCGRID_WEBHOOK_SECRET, the whsec_… secret that creating the endpoint
 * answered (see examples/README.md). Answers 401 to a delivery whose signature does not match or
 * whose timestamp is more than 5 minutes off.
 */
public class ReceiveWebhooks {

  private static final String SECRET = System.getenv("DOCGRID_WEBHOOK_SECRET");
  // Delivery is at least once: a retried event comes again with the same webhook-id.
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", ReceiveWebhooks::receive);
    server.start();
    System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static void receive(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes(); // verified as received, then parsed
    Headers headers = exchange.getRequestHeaders();
    String id = headers.getFirst("webhook-id");
    String timestamp = headers.getFirst("webhook-timestamp");
    String signatures = headers.getFirst("webhook-signature");
    if (!verified(SECRET, id, timestamp, body, signatures)) {
      exchange.sendResponseHeaders(401, -1);
    } else {
      if (SEEN.add(id)) {
        // The event: {"type": …, "timestamp": …, "data": …}
        System.out.println(new String(body, StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(204, -1);
    }
    exchange.close();
  }

  /** Whether one of the signatures is the HMAC of the secret over id, timestamp and body. */
  static boolean verified(String secret, String id, String timestamp, byte[] body, String header) {
    if (id == null || timestamp == null || header == null) {
      return false;
    }
    try {
      long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
      if (age > 300) {
        return false; // a replay of an old delivery
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
      for (String signature : header.split(" ")) {
        if (MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8),
            signature.getBytes(StandardCharsets.UTF_8))) {
          return true; // compared in constant time
        }
      }
      return false;
    } catch (NumberFormatException | GeneralSecurityException e) {
      return false;
    }
  }
}
