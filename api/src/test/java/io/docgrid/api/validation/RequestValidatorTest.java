package io.docgrid.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.docgrid.api.ApiJson;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.FieldViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

  record Body(
      @NotBlank @Size(max = 5) String name, @Max(10) Integer count, List<@NotBlank String> tags) {}

  private final RequestValidator validator = new RequestValidator(ApiJson.newMapper());

  @AfterEach
  void close() {
    validator.close();
  }

  @Test
  void a_valid_body_is_read() {
    Body body = validator.body("{\"name\":\"ok\",\"count\":3,\"tags\":[\"a\"]}", Body.class);
    assertThat(body).isEqualTo(new Body("ok", 3, List.of("a")));
  }

  @Test
  void every_broken_rule_is_listed_by_field() {
    ApiException failure =
        catchThrowableOfType(
            ApiException.class,
            () ->
                validator.body("{\"name\":\"toolong\",\"count\":11,\"tags\":[\"\"]}", Body.class));
    assertThat(failure.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(failure.violations())
        .extracting(FieldViolation::field)
        .containsExactly("count", "name", "tags[0]");
    assertThat(failure.violations())
        .extracting(FieldViolation::message)
        .containsExactly(
            "must be less than or equal to 10",
            "size must be between 0 and 5",
            "must not be blank");
  }

  @Test
  void unknown_and_mistyped_fields_are_named() {
    assertThatThrownBy(() -> validator.body("{\"name\":\"a\",\"admin\":true}", Body.class))
        .hasMessageContaining("'admin' is not a known field");
    assertThatThrownBy(() -> validator.body("{\"name\":\"a\",\"count\":\"many\"}", Body.class))
        .hasMessageContaining("'count'");
  }

  @Test
  void hostile_field_names_are_shortened_and_made_printable() {
    ApiException failure =
        catchThrowableOfType(
            ApiException.class,
            () -> validator.body("{\"" + "\\u0000" + "x".repeat(500) + "\":1}", Body.class));
    assertThat(failure.violations().get(0).field()).hasSizeLessThan(70).doesNotContain("\u0000");
  }

  @Test
  void bodies_that_are_not_objects_are_malformed_requests() {
    for (String body : new String[] {"", "   ", "null", "[1]", "{\"name\":", "42"}) {
      ApiException failure =
          catchThrowableOfType(ApiException.class, () -> validator.body(body, Body.class));
      assertThat(failure.code())
          .as(body)
          .isIn(ErrorCode.INVALID_REQUEST, ErrorCode.VALIDATION_FAILED);
    }
  }

  @Test
  void message_templates_never_evaluate_expressions() {
    record Sneaky(@Size(max = 1, message = "${1+1}") String text) {}
    ApiException failure =
        catchThrowableOfType(ApiException.class, () -> validator.valid(new Sneaky("ab")));
    assertThat(failure.violations().get(0).message()).doesNotContain("2");
  }
}
