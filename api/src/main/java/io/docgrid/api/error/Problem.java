package io.docgrid.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.openapi.OpenApiExample;
import io.javalin.openapi.OpenApiRequired;
import java.util.List;

/**
 * An RFC 9457 problem document with DocGrid's extension members {@code code}, {@code requestId},
 * {@code retryable} and, for validation failures, {@code errors}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    @OpenApiRequired @OpenApiExample("https://docgrid.io/problems/not-found") String type,
    @OpenApiRequired @OpenApiExample("Not found") String title,
    @OpenApiRequired int status,
    @OpenApiRequired @OpenApiExample("Job 0b7c6f0e-3f5d-4d59-9a43-0c8a3e1f2b6d was not found.")
        String detail,
    @OpenApiExample("/api/v1/jobs/0b7c6f0e-3f5d-4d59-9a43-0c8a3e1f2b6d") String instance,
    @OpenApiRequired @OpenApiExample("NOT_FOUND") String code,
    @OpenApiRequired @OpenApiExample("6f1c2a4e9b7d4c3a") String requestId,
    @OpenApiRequired boolean retryable,
    List<FieldViolation> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  static final String TYPE_BASE = "https://docgrid.io/problems/";
}
