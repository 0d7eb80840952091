package io.docgrid.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.pipeline.ComponentVersions;
import org.junit.jupiter.api.Test;

class ResultCacheKeyTest {

  private static final String SHA = "a".repeat(64);

  @Test
  void delivery_options_do_not_change_the_key() {
    ResultCacheKey plain =
        ResultCacheKey.of(SHA, "{\"lang\":\"eng\",\"ocr\":\"auto\",\"version\":1}");
    ResultCacheKey named =
        ResultCacheKey.of(
            SHA,
            "{\"lang\":\"eng\",\"ocr\":\"auto\",\"version\":1,"
                + "\"webhooks\":[\"0f8c5b1e-0000-4000-8000-000000000001\"]}");

    assertThat(named).isEqualTo(plain);
    assertThat(named.hashCode()).isEqualTo(plain.hashCode());
  }

  @Test
  void processing_options_still_do() {
    assertThat(ResultCacheKey.of(SHA, "{\"ocr\":\"auto\",\"version\":1}"))
        .isNotEqualTo(ResultCacheKey.of(SHA, "{\"ocr\":\"force\",\"version\":1}"));
  }

  @Test
  void jobs_that_may_read_with_paddleocr_are_keyed_by_its_models_too() {
    String options = "{\"ocr\":\"auto\",\"ocrEngine\":\"paddle\",\"version\":1}";

    assertThat(ResultCacheKey.of(SHA, options))
        .isEqualTo(
            new ResultCacheKey(
                SHA,
                options,
                ComponentVersions.PIPELINE_VERSION
                    + "+paddleocr/"
                    + ComponentVersions.PADDLE_MODELS))
        .isNotEqualTo(new ResultCacheKey(SHA, options, ComponentVersions.PIPELINE_VERSION));
  }

  @Test
  void options_that_cannot_be_read_are_kept_as_they_are() {
    assertThat(ResultCacheKey.processingOptions("{\"webhooks\": [")).isEqualTo("{\"webhooks\": [");
  }
}
