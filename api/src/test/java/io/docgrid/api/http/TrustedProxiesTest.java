package io.docgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private static InetAddress address(String literal) {
    return TrustedProxies.literal(literal).orElseThrow();
  }

  @Test
  void trusts_single_addresses_and_cidr_ranges_of_both_families() {
    TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1", " 10.0.0.0/8", "fd00::/8"));
    assertThat(proxies.trusts(address("127.0.0.1"))).isTrue();
    assertThat(proxies.trusts(address("127.0.0.2"))).isFalse();
    assertThat(proxies.trusts(address("10.255.3.4"))).isTrue();
    assertThat(proxies.trusts(address("11.0.0.1"))).isFalse();
    assertThat(proxies.trusts(address("fd12:3456::1"))).isTrue();
    assertThat(proxies.trusts(address("fe80::1"))).isFalse();
    assertThat(proxies).hasToString("127.0.0.1,10.0.0.0/8,fd00::/8");
  }

  @Test
  void a_prefix_that_ends_inside_a_byte_masks_only_its_bits() {
    TrustedProxies proxies = TrustedProxies.of(List.of("172.16.0.0/12"));
    assertThat(proxies.trusts(address("172.31.255.255"))).isTrue();
    assertThat(proxies.trusts(address("172.32.0.0"))).isFalse();
    assertThat(proxies.trusts(address("172.15.255.255"))).isFalse();
  }

  @Test
  void ipv4_mapped_ipv6_peers_match_their_ipv4_range() {
    assertThat(TrustedProxies.of(List.of("10.0.0.0/8")).trusts(address("::ffff:10.1.2.3")))
        .isTrue();
  }

  @Test
  void none_trusts_nobody() {
    assertThat(TrustedProxies.none().trusts(address("127.0.0.1"))).isFalse();
    assertThat(TrustedProxies.none().isEmpty()).isTrue();
    assertThat(TrustedProxies.none()).hasToString("none");
  }

  @Test
  void host_names_bad_prefixes_and_bad_octets_are_refused_without_a_lookup() {
    assertThat(TrustedProxies.isAddressOrRange("proxy.example.com")).isFalse();
    assertThat(TrustedProxies.isAddressOrRange("localhost")).isFalse();
    assertThat(TrustedProxies.isAddressOrRange("10.0.0.0/33")).isFalse();
    assertThat(TrustedProxies.isAddressOrRange("300.0.0.1")).isFalse();
    assertThat(TrustedProxies.isAddressOrRange("10.0.0.0/")).isFalse();
    assertThat(TrustedProxies.isAddressOrRange("::1/129")).isFalse();
    assertThat(TrustedProxies.isAddressOrRange("[::1]")).isTrue();
    assertThatThrownBy(() -> TrustedProxies.of(List.of("127.0.0.1", "gateway")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gateway'");
  }

  @Test
  void literals_are_addresses_only() {
    assertThat(TrustedProxies.literal("203.0.113.7"))
        .map(InetAddress::getHostAddress)
        .hasValue("203.0.113.7");
    assertThat(TrustedProxies.literal("unknown")).isEmpty();
    assertThat(TrustedProxies.literal("1.2.3.4:5678")).isEmpty();
    assertThat(TrustedProxies.literal("")).isEmpty();
    assertThat(TrustedProxies.literal(null)).isEmpty();
  }
}
