package io.docgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void accepts_ordinary_ids() {
    assertThat(RequestIds.isSane("3f2b6c1e-8d4a-4e0b-9c57-1a2b3c4d5e6f")).isTrue();
    assertThat(RequestIds.isSane("gateway:abc.123_X")).isTrue();
  }

  @Test
  void rejects_ids_that_could_forge_logs_or_headers() {
    assertThat(RequestIds.isSane("abc\r\nX-Injected: 1")).isFalse();
    assertThat(RequestIds.isSane("{\"json\":true}")).isFalse();
    assertThat(RequestIds.isSane("")).isFalse();
    assertThat(RequestIds.isSane("a".repeat(129))).isFalse();
    assertThat(RequestIds.isSane(null)).isFalse();
  }
}
