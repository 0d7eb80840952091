package io.docgrid.tasks.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.testkit.TestPages;
import org.junit.jupiter.api.Test;

class PreprocessingPipelineTest {

  private final Preprocessor preprocessor = new CpuPreprocessor();

  @Test
  void a_skewed_page_is_deskewed_then_binarized_and_both_stages_are_timed() {
    GrayImage page = GrayImage.of(TestPages.rotated(TestPages.text(), 3));

    PreprocessedPage result = new PreprocessingPipeline(preprocessor, true, true).run(page);

    assertThat(result.skewDegrees()).isCloseTo(3.0, within(0.1));
    assertThat(result.deskewed()).isTrue();
    assertThat(result.binarized()).isTrue();
    assertThat(result.stageNanos()).containsOnlyKeys("deskew", "binarize");
    assertThat(result.stageNanos().values()).allSatisfy(nanos -> assertThat(nanos).isPositive());
    GrayImage expected =
        preprocessor.binarize(
            preprocessor.rotate(page, -result.skewDegrees()), SauvolaParameters.DEFAULTS);
    assertThat(result.image()).isEqualTo(expected);
  }

  @Test
  void a_straight_page_is_not_rotated() {
    GrayImage page = GrayImage.of(TestPages.text());

    PreprocessedPage result = new PreprocessingPipeline(preprocessor, true, false).run(page);

    assertThat(result.skewDegrees()).isCloseTo(0.0, within(0.1));
    assertThat(result.deskewed()).isFalse();
    assertThat(result.binarized()).isFalse();
    assertThat(result.image()).isEqualTo(page);
    assertThat(result.stageNanos()).containsOnlyKeys("deskew");
  }

  @Test
  void with_both_stages_off_the_page_passes_through_untimed() {
    GrayImage page = GrayImage.of(TestPages.rotated(TestPages.text(), 5));

    PreprocessedPage result = new PreprocessingPipeline(preprocessor, false, false).run(page);

    assertThat(result.image()).isSameAs(page);
    assertThat(result.skewDegrees()).isEqualTo(0.0);
    assertThat(result.deskewed()).isFalse();
    assertThat(result.stageNanos()).isEmpty();
  }

  @Test
  void binarizing_alone_uses_the_given_sauvola_parameters() {
    GrayImage page = GrayImage.of(TestPages.unevenlyLit(TestPages.text()));
    SauvolaParameters parameters = new SauvolaParameters(15, 0.1, 100);

    PreprocessedPage result =
        new PreprocessingPipeline(preprocessor, false, true, parameters).run(page);

    assertThat(result.image()).isEqualTo(preprocessor.binarize(page, parameters));
    assertThat(result.stageNanos()).containsOnlyKeys("binarize");
  }
}
