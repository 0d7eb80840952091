package io.docgrid.api.error;

import java.util.List;

/**
 * A failure the client should hear about, with a code from the contract and a message that says
 * what was wrong and how to fix it. The message is shown to clients: never put paths or internals
 * in it.
 */
public class ApiException extends RuntimeException {

  private final ErrorCode code;
  private final List<FieldViolation> violations;
  private long retryAfterSeconds;

  public ApiException(ErrorCode code, String message) {
    this(code, message, List.of(), null);
  }

  public ApiException(ErrorCode code, String message, Throwable cause) {
    this(code, message, List.of(), cause);
  }

  public ApiException(ErrorCode code, String message, List<FieldViolation> violations) {
    this(code, message, violations, null);
  }

  private ApiException(
      ErrorCode code, String message, List<FieldViolation> violations, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.violations = List.copyOf(violations);
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  /** Seconds after which the same request may succeed; 0 when unknown. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Tells the client when to try again ({@code Retry-After}). */
  public ApiException retryAfter(long seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  public static ApiException notFound(String what) {
    return new ApiException(ErrorCode.NOT_FOUND, what + " was not found.");
  }

  public static ApiException invalidField(String field, String rule) {
    return new ApiException(
        ErrorCode.VALIDATION_FAILED,
        "Field '" + field + "' " + rule + ".",
        List.of(new FieldViolation(field, rule)));
  }
}
