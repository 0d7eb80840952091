package io.docgrid.tasks.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SauvolaParametersTest {

  @Test
  void defaults_are_a_31_pixel_window_k_0_34_and_range_128() {
    assertThat(SauvolaParameters.DEFAULTS).isEqualTo(new SauvolaParameters(31, 0.34, 128));
  }

  @ParameterizedTest
  @ValueSource(ints = {30, 2, 0})
  void even_windows_are_rejected(int window) {
    assertThatThrownBy(() -> new SauvolaParameters(window, 0.34, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window must be an odd number from 3 to 2047, got " + window);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, -3, 2049})
  void windows_outside_3_to_2047_are_rejected(int window) {
    assertThatThrownBy(() -> new SauvolaParameters(window, 0.34, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.2, Double.NaN})
  void k_outside_the_open_interval_0_to_1_is_rejected(double k) {
    assertThatThrownBy(() -> new SauvolaParameters(31, k, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be strictly between 0 and 1");
  }

  @Test
  void every_problem_is_reported_at_once() {
    assertThatThrownBy(() -> new SauvolaParameters(4, 2.0, 0.0))
        .hasMessageContaining("window")
        .hasMessageContaining("k must")
        .hasMessageContaining("dynamicRange must be a finite number above 0, got 0.0");
  }
}
