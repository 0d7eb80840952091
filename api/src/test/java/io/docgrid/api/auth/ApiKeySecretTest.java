package io.docgrid.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

  private final SecureRandom random = new SecureRandom();

  @Test
  void a_generated_key_parses_back_and_matches_its_hash() {
    ApiKeySecret key = ApiKeySecret.generate(random);

    assertThat(key.reveal()).matches("dg_live_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
    assertThat(ApiKeySecret.parse(key.reveal())).contains(key);
    assertThat(key.matches(key.secretSha256())).isTrue();
    assertThat(key.secretSha256()).hasSize(64).doesNotContain(key.secret());
  }

  @Test
  void another_secret_or_a_broken_hash_does_not_match() {
    ApiKeySecret key = ApiKeySecret.generate(random);
    ApiKeySecret other = ApiKeySecret.generate(random);

    assertThat(key.matches(other.secretSha256())).isFalse();
    assertThat(key.matches("not hex")).isFalse();
    assertThat(key.matches("")).isFalse();
  }

  @Test
  void secrets_are_not_repeated() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      assertThat(seen.add(ApiKeySecret.generate(random).reveal())).isTrue();
    }
  }

  @Test
  void text_that_is_not_a_key_is_refused() {
    String valid = ApiKeySecret.generate(random).reveal();
    for (String text :
        new String[] {
          "",
          "dg_live_",
          "dg_test_0123456789abcdef_" + "A".repeat(43),
          "dg_live_0123456789ABCDEF_" + "A".repeat(43),
          "dg_live_0123456789abcdef_" + "A".repeat(42),
          "dg_live_0123456789abcdef_" + "A".repeat(44),
          "dg_live_0123456789abcdef_" + "A".repeat(42) + "=",
          valid + " ",
          "' OR '1'='1",
          "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"
        }) {
      assertThat(ApiKeySecret.parse(text)).as(text).isEmpty();
    }
  }

  @Test
  void printing_a_key_never_prints_its_secret() {
    ApiKeySecret key = ApiKeySecret.generate(random);
    assertThat(key.toString()).contains(key.prefix()).doesNotContain(key.secret());
  }
}
