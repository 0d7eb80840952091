package io.docgrid.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitPreferenceTest {

  @Test
  void wait_is_read_among_other_preferences_and_capped_at_a_minute() {
    assertThat(WaitPreference.parse("wait=10"))
        .contains(new WaitPreference(Duration.ofSeconds(10)));
    assertThat(WaitPreference.parse("respond-async, wait=5"))
        .contains(new WaitPreference(Duration.ofSeconds(5)));
    assertThat(WaitPreference.parse("WAIT = \"7\""))
        .contains(new WaitPreference(Duration.ofSeconds(7)));
    assertThat(WaitPreference.parse("wait=3600").orElseThrow().applied()).isEqualTo("wait=60");
  }

  @Test
  void return_representation_asks_for_the_result_and_alone_implies_the_longest_wait() {
    assertThat(WaitPreference.parse("wait=5, return=representation"))
        .contains(new WaitPreference(Duration.ofSeconds(5), true));
    assertThat(WaitPreference.parse("return=representation"))
        .contains(new WaitPreference(WaitPreference.MAX, true));
    assertThat(WaitPreference.parse("return=representation, wait=3").orElseThrow().applied())
        .isEqualTo("wait=3, return=representation");
    assertThat(WaitPreference.parse("wait=3, return=representation").orElseThrow().forJob())
        .isEqualTo(new WaitPreference(Duration.ofSeconds(3)));
  }

  @Test
  void anything_else_is_ignored_as_preferences_are() {
    for (String header :
        new String[] {
          null,
          "",
          "return=minimal",
          "wait=",
          "wait=-1",
          "wait=0",
          "wait=soon",
          "wait=99999999999999999999"
        }) {
      assertThat(WaitPreference.parse(header)).as(String.valueOf(header)).isEmpty();
    }
  }
}
