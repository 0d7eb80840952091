package io.docgrid.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.javalin.http.NotFoundResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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
  void a_database_that_cannot_be_reached_is_a_retryable_503_without_the_driver_message() {
    var poolTimeout =
        new RuntimeException(
            "SQL [select 1]; timeout",
            new SQLTransientConnectionException("docgrid-db - Connection is not available"));
    var connectionLost =
        new IllegalStateException(
            "wrapped", new SQLException("An I/O error occurred while sending", "08006"));
    var shuttingDown =
        new SQLException("terminating connection due to administrator command", "57P01");

    for (Exception failure : new Exception[] {poolTimeout, connectionLost, shuttingDown}) {
      Problem problem = ErrorMapper.map(failure, "/api/v1/jobs", "r");
      assertThat(problem.status()).as(failure.toString()).isEqualTo(503);
      assertThat(problem.code()).isEqualTo("SERVICE_UNAVAILABLE");
      assertThat(problem.retryable()).isTrue();
      assertThat(problem.detail()).doesNotContain("docgrid-db", "I/O", "administrator");
    }
  }

  @Test
  void other_database_errors_stay_internal_errors() {
    var constraint = new SQLException("duplicate key value violates unique constraint", "23505");
    assertThat(ErrorMapper.map(constraint, "/api/v1/jobs", "r").status()).isEqualTo(500);
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
