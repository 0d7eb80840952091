package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.NodeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --trusted-proxies}: none by default, a list by flag or environment, mistakes named. */
class TrustedProxiesOptionTest {

  private static NodeConfig.ApiConfig apiOf(Map<String, String> environment, String... args) {
    return ParsedSettings.serve(environment, args).api();
  }

  @Test
  void no_proxy_is_trusted_by_default() {
    assertThat(apiOf(Map.of()).trustedProxies().isEmpty()).isTrue();
  }

  @Test
  void proxies_come_from_the_flag_or_the_environment() {
    assertThat(apiOf(Map.of(), "--trusted-proxies", "10.0.0.0/8, 127.0.0.1").trustedProxies())
        .hasToString("10.0.0.0/8,127.0.0.1");
    assertThat(apiOf(Map.of("DOCGRID_TRUSTED_PROXIES", "192.168.0.0/16,::1")).trustedProxies())
        .hasToString("192.168.0.0/16,::1");
  }

  @Test
  void entries_that_are_not_addresses_are_all_named() {
    assertThatThrownBy(
            () -> apiOf(Map.of(), "--trusted-proxies", "proxy.internal,10.0.0.0/40,127.0.0.1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--trusted-proxies (DOCGRID_TRUSTED_PROXIES)")
        .hasMessageContaining("'proxy.internal', '10.0.0.0/40'");
  }
}
