package io.docgrid.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.api.ApiJson;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

  private final JobOptions options = new JobOptions(ApiJson.newMapper());

  @Test
  void missing_options_are_the_empty_object() {
    assertThat(options.canonicalise(null)).isEqualTo("{}");
    assertThat(options.canonicalise("  ")).isEqualTo("{}");
  }

  @Test
  void equal_options_give_equal_strings_whatever_their_order_and_spacing() {
    String a =
        options.canonicalise(
            "{\"ocr\": \"auto\", \"languages\": [\"eng\"], \"x\": {\"b\":1,\"a\":2}}");
    String b =
        options.canonicalise(
            "{ \"x\": {\"a\":2, \"b\":1}, \"languages\":[\"eng\"],\"ocr\":\"auto\" }");
    assertThat(a)
        .isEqualTo(b)
        .isEqualTo("{\"languages\":[\"eng\"],\"ocr\":\"auto\",\"x\":{\"a\":2,\"b\":1}}");
  }

  @Test
  void malformed_json_is_an_invalid_request_naming_the_position() {
    assertThatThrownBy(() -> options.canonicalise("{\"ocr\": "))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("line 1");
  }

  @Test
  void anything_but_an_object_fails_validation() {
    for (String notAnObject : new String[] {"[]", "42", "\"ocr\"", "null"}) {
      assertThatThrownBy(() -> options.canonicalise(notAnObject))
          .isInstanceOf(ApiException.class)
          .satisfies(
              e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
  }
}
