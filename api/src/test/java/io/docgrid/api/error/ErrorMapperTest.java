package io.docgrid.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.javalin.http.NotFoundResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

  @Test
  void api_exceptions_keep_their_code_status_and_message() {
    Problem problem =
        ErrorMapper.map(
            new ApiException(ErrorCode.FILE_TOO_LARGE, "too big"), "/api/v1/jobs", "req-1");

    assertThat(problem.status()).isEqualTo(413);
    assertThat(problem.code()).isEqualTo("FILE_TOO_LARGE");
    assertThat(problem.detail()).isEqualTo("too big");
    assertThat(problem.requestId()).isEqualTo("req-1");
    assertThat(problem.instance()).isEqualTo("/api/v1/jobs");
    assertThat(problem.type()).endsWith("/file-too-large");
    assertThat(problem.retryable()).isFalse();
  }

  @Test
  void unexpected_failures_become_internal_errors_without_their_message() {
    Problem problem =
        ErrorMapper.map(
            new IllegalStateException("/var/secret/path leaked"), "/api/v1/jobs", "req-2");

    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.code()).isEqualTo("INTERNAL_ERROR");
    assertThat(problem.detail()).doesNotContain("/var/secret").contains("request id");
  }

  @Test
  void subclasses_of_api_exception_map_like_their_parent() {
    class SpecialNotFound extends ApiException {
      SpecialNotFound() {
        super(ErrorCode.NOT_FOUND, "gone");
      }
    }
    assertThat(ErrorMapper.map(new SpecialNotFound(), "/", "r").status()).isEqualTo(404);
  }

  @Test
  void javalin_responses_map_by_status() {
    Problem problem = ErrorMapper.map(new NotFoundResponse("x"), "/nope", "r");
    assertThat(problem.code()).isEqualTo("NOT_FOUND");
    assertThat(problem.status()).isEqualTo(404);
  }

  @Test
  void every_document_error_but_our_own_failures_has_a_client_error_status() {
    Arrays.stream(DocumentErrorCode.values())
        .filter(code -> code != DocumentErrorCode.PROCESSING_FAILED)
        .filter(code -> code != DocumentErrorCode.PROCESSING_TIMEOUT)
        .map(ErrorMapper::codeOf)
        .forEach(code -> assertThat(code.status()).isBetween(400, 499));
  }

  @Test
  void validation_failures_list_each_field() {
    Problem problem =
        ErrorMapper.map(
            ApiException.invalidField("limit", "must be 1 to 100"), "/api/v1/jobs", "r");
    assertThat(problem.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(problem.errors()).containsExactly(new FieldViolation("limit", "must be 1 to 100"));
  }

  @Test
  void error_code_names_are_upper_snake_case() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.name()).matches("[A-Z]+(_[A-Z]+)*");
    }
  }
}
