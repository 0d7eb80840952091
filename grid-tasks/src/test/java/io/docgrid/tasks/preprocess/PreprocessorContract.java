package io.docgrid.tasks.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.TestPages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Preprocessor} backend must do, run once per backend by a subclass. Comparing
 * against {@link ReferenceArithmetic}, the Javadoc formulas written out naively, with the
 * cross-backend tolerances (±1 gray level, 99.9% of binary pixels) checks that a backend implements
 * the specification and not merely something that looks right.
 */
abstract class PreprocessorContract {

  private static final BufferedImage STRAIGHT_TEXT = TestPages.text();
  private static final GrayImage STRAIGHT_PAGE = GrayImage.of(STRAIGHT_TEXT);
  private static final double NOISE_SIGMA = 20.0;
  private static final CpuPreprocessor CPU = new CpuPreprocessor();

  private Preprocessor preprocessor;
  private long seed;
  private Random random;

  abstract Preprocessor preprocessor();

  @BeforeEach
  void createPreprocessorAndFreshNoise() {
    preprocessor = preprocessor();
    // Fresh noise on every run, so that passing is not luck with one seed; the seed is in every
    // noise-dependent failure message so that a failure can be replayed.
    seed = new Random().nextLong();
    random = new Random(seed);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-10, -4, -1.5, 0, 2.5, 4, 8})
  void skew_of_a_noisy_rotated_page_is_estimated_within_0_2_degrees(double angle) {
    GrayImage page =
        GrayImage.of(
            TestPages.withNoise(TestPages.rotated(STRAIGHT_TEXT, angle), NOISE_SIGMA, random));

    double skew = preprocessor.estimateSkewDegrees(page);

    assertThat(skew)
        .as("skew of a page rotated by %s°, noise seed %s", angle, seed)
        .isCloseTo(angle, within(0.2));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-10, -4, -1.5, 0, 2.5, 4, 8})
  void skew_of_a_clean_rotated_page_is_estimated_within_0_1_degrees(double angle) {
    GrayImage page = GrayImage.of(TestPages.rotated(STRAIGHT_TEXT, angle));

    assertThat(preprocessor.estimateSkewDegrees(page)).isCloseTo(angle, within(0.1));
  }

  @Test
  void skew_of_a_blank_page_is_zero() {
    assertThat(preprocessor.estimateSkewDegrees(GrayImage.blank(2000, 1400, 255))).isEqualTo(0.0);
  }

  @Test
  void skew_of_a_blank_page_with_noise_is_zero() {
    GrayImage page =
        GrayImage.of(
            TestPages.withNoise(
                GrayImage.blank(2000, 1400, 200).toBufferedImage(), NOISE_SIGMA, random));

    assertThat(preprocessor.estimateSkewDegrees(page)).as("noise seed %s", seed).isEqualTo(0.0);
  }

  @Test
  void skew_of_a_page_of_speckle_is_zero() {
    byte[] pixels = GrayImage.blank(2000, 1400, 255).pixels();
    for (int i = 0; i < 20_000; i++) {
      pixels[random.nextInt(pixels.length)] = 0;
    }

    assertThat(preprocessor.estimateSkewDegrees(new GrayImage(2000, 1400, pixels)))
        .as("speckle seed %s", seed)
        .isEqualTo(0.0);
  }

  @Test
  void skew_of_a_page_with_one_short_line_is_within_15_degrees() {
    GrayImage page = GrayImage.of(TestPages.rotated(TestPages.singleShortLine(), 3));

    assertThat(preprocessor.estimateSkewDegrees(page)).isBetween(-15.0, 15.0);
  }

  @Test
  void skew_of_a_tiny_page_is_within_15_degrees() {
    GrayImage page = new GrayImage(2, 1, new byte[] {0, (byte) 255});

    assertThat(preprocessor.estimateSkewDegrees(page)).isBetween(-15.0, 15.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-7, 3})
  void rotating_a_straight_page_by_an_angle_gives_that_skew(double angle) {
    GrayImage page = preprocessor.rotate(STRAIGHT_PAGE, angle);

    assertThat(preprocessor.estimateSkewDegrees(page)).isCloseTo(angle, within(0.1));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-6, 2.5, 9})
  void rotating_by_the_negated_skew_straightens_the_page(double angle) {
    GrayImage page =
        GrayImage.of(
            TestPages.withNoise(TestPages.rotated(STRAIGHT_TEXT, angle), NOISE_SIGMA, random));
    double skew = preprocessor.estimateSkewDegrees(page);

    GrayImage straightened = preprocessor.rotate(page, -skew);

    assertThat(preprocessor.estimateSkewDegrees(straightened))
        .as(
            "skew after deskewing a page rotated by %s° (estimated %s°), noise seed %s",
            angle, skew, seed)
        .isCloseTo(0.0, within(0.1));
  }

  @Test
  void rotating_by_zero_returns_an_equal_image() {
    GrayImage page = GrayImage.of(TestPages.withNoise(STRAIGHT_TEXT, NOISE_SIGMA, random));

    assertThat(preprocessor.rotate(page, 0.0)).isEqualTo(page);
  }

  @Test
  void rotating_by_90_degrees_turns_a_square_counter_clockwise_exactly() {
    GrayImage page = new GrayImage(3, 3, bytes(1, 2, 3, 4, 5, 6, 7, 8, 9));

    assertThat(preprocessor.rotate(page, 90).pixels())
        .containsExactly(bytes(3, 6, 9, 2, 5, 8, 1, 4, 7));
  }

  @Test
  void rotation_keeps_the_size_and_fills_uncovered_corners_with_white() {
    GrayImage page = GrayImage.blank(400, 300, 0);

    GrayImage rotated = preprocessor.rotate(page, 10);

    assertThat(rotated.width()).isEqualTo(400);
    assertThat(rotated.height()).isEqualTo(300);
    assertThat(rotated.get(0, 0)).isEqualTo(255);
    assertThat(rotated.get(399, 0)).isEqualTo(255);
    assertThat(rotated.get(0, 299)).isEqualTo(255);
    assertThat(rotated.get(399, 299)).isEqualTo(255);
    assertThat(rotated.get(200, 150)).isEqualTo(0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-13.7, -0.3, 1.0, 4.25, 90, 181})
  void rotation_matches_the_specified_fixed_point_arithmetic_within_one_level(double degrees) {
    GrayImage page =
        GrayImage.of(
            TestPages.withNoise(GrayImage.blank(211, 97, 128).toBufferedImage(), 60, random));

    GrayImage rotated = preprocessor.rotate(page, degrees);

    GrayImage expected = ReferenceArithmetic.rotate(page, degrees);
    byte[] actual = rotated.pixels();
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i] & 0xff)
          .as("pixel (%s, %s), noise seed %s", i % 211, i / 211, seed)
          .isCloseTo(expected.pixels()[i] & 0xff, within(1));
    }
  }

  @Test
  void sauvola_output_is_only_black_and_white_with_dark_text_and_white_background() {
    GrayImage page = GrayImage.of(TestPages.withNoise(STRAIGHT_TEXT, NOISE_SIGMA, random));

    GrayImage binary = preprocessor.binarize(page, SauvolaParameters.DEFAULTS);

    long inkPixels = 0;
    long inkBlack = 0;
    long paperPixels = 0;
    long paperWhite = 0;
    byte[] clean = STRAIGHT_PAGE.pixels();
    byte[] output = binary.pixels();
    for (int i = 0; i < output.length; i++) {
      int value = output[i] & 0xff;
      assertThat(value).as("pixel %s", i).isIn(0, 255);
      int original = clean[i] & 0xff;
      if (original < 64) {
        inkPixels++;
        inkBlack += value == 0 ? 1 : 0;
      } else if (original == 255) {
        paperPixels++;
        paperWhite += value == 255 ? 1 : 0;
      }
    }
    assertThat((double) inkBlack / inkPixels)
        .as("ink kept black, noise seed %s", seed)
        .isGreaterThan(0.95);
    assertThat((double) paperWhite / paperPixels)
        .as("paper kept white, noise seed %s", seed)
        .isGreaterThan(0.995);
  }

  @Test
  void sauvola_whitens_an_unevenly_lit_background_where_a_global_threshold_fails() {
    GrayImage page = GrayImage.of(TestPages.unevenlyLit(STRAIGHT_TEXT));

    GrayImage binary = preprocessor.binarize(page, SauvolaParameters.DEFAULTS);

    byte[] clean = STRAIGHT_PAGE.pixels();
    long background = 0;
    long sauvolaWhite = 0;
    long globalWhite = 0;
    for (int i = 0; i < clean.length; i++) {
      if ((clean[i] & 0xff) == 255) {
        background++;
        sauvolaWhite += (binary.pixels()[i] & 0xff) == 255 ? 1 : 0;
        globalWhite += (page.pixels()[i] & 0xff) > 128 ? 1 : 0;
      }
    }
    assertThat((double) sauvolaWhite / background).isGreaterThanOrEqualTo(0.98);
    assertThat((double) globalWhite / background).isLessThan(0.98);
  }

  @Test
  void sauvola_with_a_low_k_finds_low_contrast_text_on_an_unevenly_lit_page() {
    GrayImage page = GrayImage.of(TestPages.unevenlyLit(STRAIGHT_TEXT));

    GrayImage binary = preprocessor.binarize(page, new SauvolaParameters(31, 0.1, 128));

    byte[] clean = STRAIGHT_PAGE.pixels();
    long ink = 0;
    long inkBlack = 0;
    for (int i = 0; i < clean.length; i++) {
      if ((clean[i] & 0xff) < 64) {
        ink++;
        inkBlack += (binary.pixels()[i] & 0xff) == 0 ? 1 : 0;
      }
    }
    assertThat((double) inkBlack / ink).isGreaterThan(0.9);
  }

  @Test
  void sauvola_on_a_uniform_page_is_all_white() {
    GrayImage binary =
        preprocessor.binarize(GrayImage.blank(300, 200, 170), SauvolaParameters.DEFAULTS);

    assertThat(binary).isEqualTo(GrayImage.blank(300, 200, 255));
  }

  @ParameterizedTest
  @CsvSource({"3, 0.2, 128", "31, 0.34, 128", "301, 0.2, 128", "31, 0.5, 60"})
  void sauvola_matches_the_specified_arithmetic_on_at_least_99_9_percent_of_pixels(
      int window, double k, double range) {
    GrayImage page =
        GrayImage.of(TestPages.withNoise(TestPages.unevenlyLit(STRAIGHT_TEXT), 15, random));
    SauvolaParameters parameters = new SauvolaParameters(window, k, range);

    GrayImage binary = preprocessor.binarize(page, parameters);

    GrayImage expected = ReferenceArithmetic.binarize(page, parameters);
    long different = 0;
    for (int i = 0; i < expected.pixels().length; i++) {
      different += binary.pixels()[i] != expected.pixels()[i] ? 1 : 0;
    }
    assertThat(different)
        .as("pixels unlike the reference, noise seed %s", seed)
        .isLessThanOrEqualTo(expected.pixels().length / 1000);
  }

  @Test
  void the_same_input_gives_identical_outputs() {
    GrayImage page =
        GrayImage.of(
            TestPages.withNoise(TestPages.rotated(STRAIGHT_TEXT, 3.3), NOISE_SIGMA, random));
    byte[] before = page.pixels().clone();

    double firstSkew = preprocessor.estimateSkewDegrees(page);
    GrayImage firstRotated = preprocessor.rotate(page, -firstSkew);
    GrayImage firstBinary = preprocessor.binarize(page, SauvolaParameters.DEFAULTS);
    double secondSkew = preprocessor.estimateSkewDegrees(page);
    GrayImage secondRotated = preprocessor.rotate(page, -secondSkew);
    GrayImage secondBinary = preprocessor.binarize(page, SauvolaParameters.DEFAULTS);

    assertThat(secondSkew).isEqualTo(firstSkew);
    assertThat(secondRotated.pixels()).isEqualTo(firstRotated.pixels());
    assertThat(secondBinary.pixels()).isEqualTo(firstBinary.pixels());
    assertThat(page.pixels()).as("input left untouched").isEqualTo(before);
  }

  // The cross-backend comparison: the same inputs through this backend and the CPU reference,
  // held to the tolerances Preprocessor promises (for the CPU itself they hold trivially).

  /** A few real scans and renders of the OCR corpus, colour and gray. */
  static java.util.stream.Stream<String> corpusPages() {
    return java.util.stream.Stream.of(
        "real__phototest.tif",
        "real__8071_093.3B.tif",
        "render__pdfbox-cweb_p3_clean.png",
        "render__pdfbox-cweb_p10_degraded.jpg");
  }

  @ParameterizedTest
  @MethodSource("corpusPages")
  void agrees_with_the_cpu_on_a_real_corpus_page(String name) throws IOException {
    BufferedImage image = ImageIO.read(Corpus.ocrDev(name).toFile());

    GrayImage gray = preprocessor.grayscale(image);
    GrayImage cpuGray = CPU.grayscale(image);
    assertWithinOneLevel(gray, cpuGray, name + " grayscale");
    assertAgreesWithTheCpu(cpuGray, name);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-12.5, -3.7, -0.4, 1.25, 6.8})
  void agrees_with_the_cpu_on_a_synthetic_skewed_page_with_fresh_noise(double angle) {
    GrayImage page =
        GrayImage.of(
            TestPages.withNoise(TestPages.rotated(STRAIGHT_TEXT, angle), NOISE_SIGMA, random));

    assertAgreesWithTheCpu(page, "page rotated by " + angle + "°, noise seed " + seed);
  }

  private void assertAgreesWithTheCpu(GrayImage page, String what) {
    double skew = preprocessor.estimateSkewDegrees(page);
    double cpuSkew = CPU.estimateSkewDegrees(page);
    assertThat(skew).as("skew of %s", what).isCloseTo(cpuSkew, within(0.05));

    assertWithinOneLevel(
        preprocessor.rotate(page, -cpuSkew), CPU.rotate(page, -cpuSkew), what + " rotated");

    GrayImage binary = preprocessor.binarize(page, SauvolaParameters.DEFAULTS);
    GrayImage cpuBinary = CPU.binarize(page, SauvolaParameters.DEFAULTS);
    long different = 0;
    for (int i = 0; i < cpuBinary.pixels().length; i++) {
      different += binary.pixels()[i] != cpuBinary.pixels()[i] ? 1 : 0;
    }
    assertThat(different)
        .as("binarised pixels of %s unlike the CPU's", what)
        .isLessThanOrEqualTo(cpuBinary.pixels().length / 1000);
  }

  private static void assertWithinOneLevel(GrayImage actual, GrayImage expected, String what) {
    assertThat(actual.width()).as("width of %s", what).isEqualTo(expected.width());
    assertThat(actual.height()).as("height of %s", what).isEqualTo(expected.height());
    int worst = 0;
    for (int i = 0; i < expected.pixels().length; i++) {
      worst =
          Math.max(worst, Math.abs((actual.pixels()[i] & 0xff) - (expected.pixels()[i] & 0xff)));
    }
    assertThat(worst).as("largest gray difference in %s", what).isLessThanOrEqualTo(1);
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
