package io.docgrid.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as handed to its owner: {@code dg_live_<prefix>_<secret>}. The prefix is public and
 * finds the key's row; the secret is 32 random bytes, of which only the SHA-256 hash is stored.
 *
 * @param prefix 16 lowercase hex characters
 * @param secret 43 base64url characters
 */
public record ApiKeySecret(String prefix, String secret) {

  static final String SCHEME = "dg_live_";
  private static final int PREFIX_BYTES = 8;
  private static final int SECRET_BYTES = 32;
  private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  public static ApiKeySecret generate(SecureRandom random) {
    byte[] prefix = new byte[PREFIX_BYTES];
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(prefix);
    random.nextBytes(secret);
    return new ApiKeySecret(HexFormat.of().formatHex(prefix), BASE64URL.encodeToString(secret));
  }

  /** The key, if the text has the shape of one; says nothing about whether it exists. */
  public static Optional<ApiKeySecret> parse(String text) {
    if (text == null || !text.startsWith(SCHEME)) {
      return Optional.empty();
    }
    String rest = text.substring(SCHEME.length());
    int separator = rest.indexOf('_');
    if (separator < 0) {
      return Optional.empty();
    }
    String prefix = rest.substring(0, separator);
    String secret = rest.substring(separator + 1);
    if (!PREFIX.matcher(prefix).matches() || !SECRET.matcher(secret).matches()) {
      return Optional.empty();
    }
    return Optional.of(new ApiKeySecret(prefix, secret));
  }

  /** The full key, as shown once to its owner. */
  public String reveal() {
    return SCHEME + prefix + "_" + secret;
  }

  public String secretSha256() {
    return HexFormat.of().formatHex(sha256(secret));
  }

  /** Compares with a stored hash in time independent of where they differ. */
  public boolean matches(String storedSha256) {
    byte[] stored;
    try {
      stored = HexFormat.of().parseHex(storedSha256);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret), stored);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeySecret[prefix=" + prefix + ", secret=redacted]";
  }
}
