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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobOptionsTest {

  private static final String DEFAULT_CANONICAL =
      "{\"dpi\":300,\"languages\":[\"eng\"],\"ocr\":\"auto\",\"outputs\":[\"json\"],"
          + "\"pages\":\"1-\",\"preprocess\":{\"binarize\":true,\"deskew\":true,\"orientation\":true},"
          + "\"version\":1}";

  private static final String HOOK_A = "0b5e4c1e-6a52-4cf4-9c67-3f3c1b2a9d10";
  private static final String HOOK_B = "f4f1a1d2-2b7c-4e0e-8d0a-5c6b7a8d9e01";

  /** A value other than the default for every stored option, and how the canonical form says it. */
  private static final Map<String, String[]> NON_DEFAULT_VALUES =
      Map.of(
          "ocr", new String[] {"\"FORCE\"", "\"force\""},
          "ocrEngine", new String[] {"\"Paddle\"", "\"paddle\""},
          "webhooks",
              new String[] {
                "[\"" + HOOK_B + "\",\"" + HOOK_A + "\",\"" + HOOK_B.toUpperCase() + "\"]",
                "[\"" + HOOK_A + "\",\"" + HOOK_B + "\"]"
              },
          "languages", new String[] {"\"deu+eng+deu\"", "[\"deu\",\"eng\"]"},
          "pages", new String[] {"\"7, 2-4\"", "\"2-4,7\""},
          "dpi", new String[] {"150", "150"},
          "preprocess",
              new String[] {
                "{\"deskew\":false}", "{\"binarize\":true,\"deskew\":false,\"orientation\":true}"
              },
          "outputs", new String[] {"[\"TEXT\",\"json\",\"text\"]", "[\"json\",\"text\"]"});

  private final RequestValidator validator = new RequestValidator(ApiJson.newMapper());
  private final JobOptions options = new JobOptions(validator);

  @AfterEach
  void close() {
    validator.close();
  }

  @Test
  void missing_options_are_the_defaults_in_canonical_form() {
    JobOptions.Parsed parsed = options.parse(null);
    assertThat(parsed.options()).isEqualTo(ProcessingOptions.DEFAULTS);
    assertThat(parsed.canonical()).isEqualTo(DEFAULT_CANONICAL);
    assertThat(options.parse("  ").canonical()).isEqualTo(parsed.canonical());
    assertThat(options.parse("{}").canonical()).isEqualTo(parsed.canonical());
    assertThat(options.parse("{\"ocr\":null,\"dpi\":null}").canonical())
        .isEqualTo(parsed.canonical());
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
  void different_options_give_different_canonical_strings() {
    assertThat(options.parse("{\"dpi\":200}").canonical())
        .isNotEqualTo(options.parse("{\"dpi\":201}").canonical());
    assertThat(options.parse("{\"languages\":[\"eng\",\"deu\"]}").canonical())
        .isNotEqualTo(options.parse("{\"languages\":[\"deu\",\"eng\"]}").canonical());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonDefaultValues")
  void every_stored_option_round_trips_through_the_canonical_form(
      String field, String sent, String canonicalValue) {
    JobOptions.Parsed parsed = options.parse("{\"" + field + "\":" + sent + "}");
    assertThat(parsed.canonical())
        .isNotEqualTo(DEFAULT_CANONICAL)
        .contains("\"" + field + "\":" + canonicalValue);

    assertThat(options.readStored(parsed.canonical())).isEqualTo(parsed.options());
    // The options as the manifest shows them, sent again, are the same options.
    String resent = JobOptions.asSent(parsed.canonical(), ApiJson.newMapper()).toString();
    assertThat(options.parse(resent).canonical()).isEqualTo(parsed.canonical());
  }

  static Stream<Arguments> nonDefaultValues() {
    return NON_DEFAULT_VALUES.entrySet().stream()
        .map(entry -> Arguments.of(entry.getKey(), entry.getValue()[0], entry.getValue()[1]));
  }

  @Test
  void the_manifest_shows_the_options_without_the_version_of_their_stored_form() {
    assertThat(JobOptions.asSent(DEFAULT_CANONICAL, ApiJson.newMapper()).toString())
        .isEqualTo(DEFAULT_CANONICAL.replace(",\"version\":1", ""));
  }

  @Test
  void the_round_trip_covers_every_option_but_the_password() {
    Set<String> stored =
        options.names().stream()
            .filter(name -> !name.equals("password"))
            .collect(Collectors.toSet());
    assertThat(NON_DEFAULT_VALUES.keySet()).isEqualTo(stored);
  }

  @Test
  void named_webhooks_are_stored_once_each_and_read_back_for_the_jobs_events() {
    JobOptions.Parsed parsed =
        options.parse("{\"webhooks\":[\"" + HOOK_B + "\",\"" + HOOK_A + "\",\"" + HOOK_A + "\"]}");

    assertThat(options.webhooksIn(parsed.canonical()))
        .containsExactly(UUID.fromString(HOOK_A), UUID.fromString(HOOK_B));
    // Options that name none keep the form they had before the option existed.
    assertThat(options.parse("{\"webhooks\":[]}").canonical()).isEqualTo(DEFAULT_CANONICAL);
  }

  @Test
  void a_webhook_that_is_not_an_id_is_refused() {
    assertThatThrownBy(() -> options.parse("{\"webhooks\":[\"https://example.com/hook\"]}"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactly("options.webhooks[0]"));
  }

  @Test
  void the_password_opens_documents_but_is_never_stored() {
    JobOptions.Parsed parsed = options.parse("{\"password\":\"s3cret\"}");
    assertThat(parsed.options().password()).isEqualTo("s3cret");
    assertThat(parsed.canonical()).doesNotContain("s3cret").doesNotContain("password");
    assertThat(parsed.options().toString()).doesNotContain("s3cret");
    assertThat(options.readStored(parsed.canonical()).password()).isNull();
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
  void options_stored_before_the_canonical_form_had_a_version_are_read() {
    String unversioned = DEFAULT_CANONICAL.replace(",\"version\":1", "").replace("300", "150");
    assertThat(options.readStored(unversioned).dpi()).isEqualTo(150);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"dpi\":5000,\"version\":1}",
        "{\"ocr\":\"sometimes\"}",
        "{\"colour\":1,\"version\":1}",
        "{\"dpi\":300,\"version\":2}",
        "{\"dpi\":300,\"version\":\"1\"}",
        "[]",
        "{\"ocr\":"
      })
  void stored_options_that_cannot_be_read_fail_with_a_code_instead_of_defaulting(String stored) {
    assertThatThrownBy(() -> options.readStored(stored))
        .isInstanceOf(ApiException.class)
        .satisfies(
            e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.OPTIONS_UNREADABLE))
        .hasMessageContaining("submit the document again");
  }

  @Test
  void an_unreadable_stored_option_is_named_in_the_job_error() {
    assertThatThrownBy(() -> options.readStored("{\"dpi\":5000,\"version\":1}"))
        .hasMessageContaining("options.dpi must be an integer from 72 to 600");
  }

  @Test
  void every_invalid_field_is_reported_at_once() {
    assertThat(
            violations(
                "{\"ocr\":\"sometimes\",\"languages\":[\"english\"],\"pages\":\"3-1\","
                    + "\"dpi\":5000,\"preprocess\":{\"sharpen\":true,\"deskew\":\"yes\"},"
                    + "\"outputs\":[\"docx\"],\"colour\":1}"))
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
  }

  @Test
  void unknown_fields_are_refused_naming_the_known_ones() {
    assertThat(violations("{\"colour\":1,\"version\":1}"))
        .containsExactlyInAnyOrder(
            new FieldViolation(
                "options.colour",
                "is not an option; known: dpi, languages, ocr, ocrEngine, outputs, pages,"
                    + " password, preprocess, webhooks"),
            new FieldViolation(
                "options.version",
                "is not an option; known: dpi, languages, ocr, ocrEngine, outputs, pages,"
                    + " password, preprocess, webhooks"));
    assertThat(violations("{\"preprocess\":{\"sharpen\":true}}"))
        .containsExactly(
            new FieldViolation(
                "options.preprocess.sharpen",
                "is not an option; known: binarize, deskew, orientation"));
  }

  @Test
  void wrong_types_are_refused_not_coerced() {
    assertThat(
            violations(
                "{\"ocr\":1,\"languages\":[\"eng\",7,\"deu\",8],\"pages\":3,\"dpi\":\"300\","
                    + "\"preprocess\":{\"deskew\":1,\"binarize\":\"true\"},\"password\":[],"
                    + "\"outputs\":\"json\"}"))
        .containsExactlyInAnyOrder(
            new FieldViolation("options.ocr", "must be one of auto, force, off"),
            new FieldViolation("options.languages[1]", "must be a string"),
            new FieldViolation("options.languages[3]", "must be a string"),
            new FieldViolation("options.pages", "must be a string"),
            new FieldViolation("options.dpi", "must be an integer"),
            new FieldViolation("options.preprocess.deskew", "must be true or false"),
            new FieldViolation("options.preprocess.binarize", "must be true or false"),
            new FieldViolation("options.password", "must be a string"),
            new FieldViolation("options.outputs", "must be a list"));
    assertThat(violations("{\"dpi\":150.5}"))
        .containsExactly(new FieldViolation("options.dpi", "must be an integer"));
    assertThat(violations("{\"dpi\":10000000000}"))
        .extracting(FieldViolation::field)
        .containsExactly("options.dpi");
    assertThat(violations("{\"preprocess\":true}"))
        .containsExactly(new FieldViolation("options.preprocess", "must be an object"));
  }

  @Test
  void values_are_checked_against_their_rules() {
    assertThat(
            violations(
                "{\"languages\":[\"eng\",null],\"pages\":\"x\",\"dpi\":71,\"outputs\":[],"
                    + "\"password\":\""
                    + "p".repeat(513)
                    + "\"}"))
        .containsExactlyInAnyOrder(
            new FieldViolation("options.languages[1]", OptionsInput.LANGUAGE_RULE),
            new FieldViolation(
                "options.pages",
                "must be page numbers and ranges such as \"1-3,7,10-\", got \"x\""),
            new FieldViolation("options.dpi", OptionsInput.DPI_RULE),
            new FieldViolation("options.outputs", "must name at least one output"),
            new FieldViolation("options.password", "must be at most 512 characters"));
    assertThat(violations("{\"pages\":\"" + "1,".repeat(600) + "\"}"))
        .containsExactly(new FieldViolation("options.pages", "must be at most 1000 characters"));
    assertThat(violations("{\"languages\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}"))
        .extracting(FieldViolation::field)
        .contains("options.languages");
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

  private java.util.List<FieldViolation> violations(String sent) {
    try {
      options.parse(sent);
    } catch (ApiException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      return e.violations();
    }
    throw new AssertionError("accepted: " + sent);
  }
}
