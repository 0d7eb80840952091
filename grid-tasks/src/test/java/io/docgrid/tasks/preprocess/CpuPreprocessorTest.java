package io.docgrid.tasks.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.testkit.TestPages;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuPreprocessorTest extends PreprocessorContract {

  private final CpuPreprocessor cpu = new CpuPreprocessor();

  @Override
  Preprocessor preprocessor() {
    return new CpuPreprocessor();
  }

  @Test
  void backend_is_named_cpu() {
    assertThat(cpu.backend()).isEqualTo("cpu");
  }

  /** The CPU backend is the reference: it must follow the specification bit for bit. */
  @ParameterizedTest
  @CsvSource({"3, 0.2, 128", "31, 0.34, 128", "301, 0.2, 128", "31, 0.5, 60", "31, 0.34, 127.5"})
  void sauvola_equals_the_specified_arithmetic_bit_for_bit(int window, double k, double range) {
    long seed = new Random().nextLong();
    GrayImage page =
        GrayImage.of(
            TestPages.withNoise(TestPages.unevenlyLit(TestPages.text()), 25, new Random(seed)));
    SauvolaParameters parameters = new SauvolaParameters(window, k, range);

    assertThat(cpu.binarize(page, parameters))
        .as("noise seed %s", seed)
        .isEqualTo(ReferenceArithmetic.binarize(page, parameters));
  }

  @Test
  void rotation_equals_the_specified_arithmetic_bit_for_bit() {
    long seed = new Random().nextLong();
    GrayImage page = GrayImage.of(TestPages.withNoise(TestPages.text(), 25, new Random(seed)));

    assertThat(cpu.rotate(page, -6.37))
        .as("noise seed %s", seed)
        .isEqualTo(ReferenceArithmetic.rotate(page, -6.37));
  }
}
