package io.docgrid.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.api.ApiJson;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.FieldViolation;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

  private final RequestValidator validator = new RequestValidator(ApiJson.newMapper());
  private final JobOptions options = new JobOptions(ApiJson.newMapper(), validator);

  @AfterEach
  void close() {
    validator.close();
  }

  @Test
  void missing_options_are_the_defaults_in_canonical_form() {
    JobOptions.Parsed parsed = options.parse(null);
    assertThat(parsed.options()).isEqualTo(ProcessingOptions.DEFAULTS);
    assertThat(parsed.canonical())
        .isEqualTo(
            "{\"dpi\":300,\"languages\":[\"eng\"],\"ocr\":\"auto\",\"outputs\":[\"json\"],"
                + "\"pages\":\"1-\",\"preprocess\":{\"binarize\":true,\"deskew\":true,\"orientation\":true}}");
    assertThat(options.parse("  ").canonical()).isEqualTo(parsed.canonical());
    assertThat(options.parse("{}").canonical()).isEqualTo(parsed.canonical());
  }

  @Test
  void equal_options_give_equal_canonical_strings_whatever_their_spelling() {
    String a =
        options
            .parse(
                "{\"ocr\":\"FORCE\",\"languages\":[\"eng\",\"deu\"],\"pages\":\"7, 1-3\",\"dpi\":200}")
            .canonical();
    String b =
        options
            .parse("{\"dpi\":200,\"pages\":\"1-3,7\",\"languages\":\"eng+deu\",\"ocr\":\"force\"}")
            .canonical();
    assertThat(a).isEqualTo(b).contains("\"pages\":\"1-3,7\"").contains("\"ocr\":\"force\"");
  }

  @Test
  void the_password_opens_documents_but_is_never_stored() {
    JobOptions.Parsed parsed = options.parse("{\"password\":\"s3cret\"}");
    assertThat(parsed.options().password()).isEqualTo("s3cret");
    assertThat(parsed.canonical()).doesNotContain("s3cret").doesNotContain("password");
    assertThat(parsed.options().toString()).doesNotContain("s3cret");
  }

  @Test
  void stored_options_read_back_to_the_same_processing_options() {
    JobOptions.Parsed parsed =
        options.parse("{\"ocr\":\"off\",\"preprocess\":{\"deskew\":false},\"pages\":\"2-\"}");
    ProcessingOptions stored = options.readStored(parsed.canonical());
    assertThat(stored).isEqualTo(parsed.options());
    assertThat(stored.ocr()).isEqualTo(OcrMode.OFF);
    assertThat(stored.preprocess().deskew()).isFalse();
    assertThat(stored.preprocess().binarize()).isTrue();
  }

  @Test
  void every_invalid_field_is_reported_at_once() {
    assertThatThrownBy(
            () ->
                options.parse(
                    "{\"ocr\":\"sometimes\",\"languages\":[\"english\"],\"pages\":\"3-1\","
                        + "\"dpi\":5000,\"preprocess\":{\"sharpen\":true,\"deskew\":\"yes\"},"
                        + "\"outputs\":[\"docx\"],\"colour\":1}"))
        .isInstanceOf(ApiException.class)
        .satisfies(
            e -> {
              ApiException api = (ApiException) e;
              assertThat(api.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(api.violations())
                  .extracting(FieldViolation::field)
                  .containsExactlyInAnyOrder(
                      "options.colour",
                      "options.ocr",
                      "options.languages[0]",
                      "options.pages",
                      "options.dpi",
                      "options.preprocess.sharpen",
                      "options.preprocess.deskew",
                      "options.outputs[0]");
            });
  }

  @Test
  void malformed_json_is_an_invalid_request_naming_the_position() {
    assertThatThrownBy(() -> options.parse("{\"ocr\": "))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("line 1");
  }

  @Test
  void anything_but_an_object_fails_validation() {
    for (String notAnObject : new String[] {"[]", "42", "\"ocr\"", "null"}) {
      assertThatThrownBy(() -> options.parse(notAnObject))
          .isInstanceOf(ApiException.class)
          .satisfies(
              e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
  }
}
