package io.docgrid.api.auth;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.javalin.http.Context;
import java.util.Optional;

/** The credential a request carries: {@code Authorization: Bearer …} or {@code X-API-Key}. */
public record Credentials(String value) {

  public static final String API_KEY_HEADER = "X-API-Key";
  private static final String BEARER = "bearer ";
  private static final int MAX_LENGTH = 8192;

  /** The request's credential, if it sent one; rejects requests that send two different ones. */
  public static Optional<Credentials> of(Context ctx) {
    String authorization = ctx.header("Authorization");
    String apiKey = ctx.header(API_KEY_HEADER);
    String bearer = null;
    if (authorization != null) {
      if (authorization.length() <= BEARER.length()
          || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        throw new ApiException(
            ErrorCode.INVALID_CREDENTIALS,
            "The Authorization header must be 'Bearer <API key or token>'.");
      }
      bearer = authorization.substring(BEARER.length()).trim();
    }
    if (bearer != null && apiKey != null && !bearer.equals(apiKey.trim())) {
      throw new ApiException(
          ErrorCode.INVALID_CREDENTIALS,
          "Send one credential: either Authorization: Bearer or X-API-Key, not two different.");
    }
    String value = bearer != null ? bearer : apiKey == null ? null : apiKey.trim();
    if (value == null) {
      return Optional.empty();
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "The credential is malformed.");
    }
    return Optional.of(new Credentials(value));
  }

  /** Never print the secret. */
  @Override
  public String toString() {
    return "Credentials[redacted]";
  }
}
