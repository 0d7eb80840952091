package io.docgrid.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document with DocGrid's extension members {@code code}, {@code requestId},
 * {@code retryable} and, for validation failures, {@code errors}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    String requestId,
    boolean retryable,
    List<FieldViolation> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  static final String TYPE_BASE = "https://docgrid.io/problems/";
}
