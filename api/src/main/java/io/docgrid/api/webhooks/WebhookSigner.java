package io.docgrid.api.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs deliveries as Standard Webhooks v1 asks: {@code v1,} and the base64 HMAC-SHA256, keyed with
 * the base64-decoded part of the secret after {@code whsec_}, of {@code id.timestamp.body}. While a
 * rotation is in progress each secret adds its signature, space-separated.
 */
public final class WebhookSigner {

  public static final String SECRET_PREFIX = "whsec_";
  private static final int SECRET_BYTES = 32;

  private final SecureRandom random;

  public WebhookSigner(SecureRandom random) {
    this.random = random;
  }

  /** A new secret: {@code whsec_} and the base64 of 32 random bytes. */
  public String newSecret() {
    byte[] key = new byte[SECRET_BYTES];
    random.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The {@code webhook-signature} header's value for these secrets, current first. */
  public static String signatures(List<String> secrets, String id, long timestamp, String body) {
    return secrets.stream()
        .map(secret -> "v1," + sign(secret, id, timestamp, body))
        .collect(Collectors.joining(" "));
  }

  static String sign(String secret, String id, long timestamp, String body) {
    String encoded =
        secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
      byte[] signed =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
