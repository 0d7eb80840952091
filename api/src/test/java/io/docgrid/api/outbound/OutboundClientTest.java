package io.docgrid.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundClientTest {

  /** Names the tests resolve without DNS; every other name is unknown. */
  private static final Map<String, List<String>> NAMES =
      Map.of(
          "localhost", List.of("127.0.0.1", "::1"),
          "receiver.test", List.of("127.0.0.1"),
          "trap.test", List.of("127.0.0.1"),
          "mixed.test", List.of("127.0.0.1", "93.184.216.34"),
          "private.test", List.of("10.1.2.3"),
          "metadata.test", List.of("169.254.169.254"),
          "mapped.test", List.of("::ffff:192.168.0.1"),
          "ula.test", List.of("fd12:3456::1"),
          "cgnat.test", List.of("100.64.0.1"));

  private static final HostResolver TEST_NAMES =
      name -> {
        List<String> addresses = NAMES.get(name);
        if (addresses == null) {
          throw new UnknownHostException(name);
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
          resolved[i] = InetAddress.getByName(addresses.get(i));
        }
        return resolved;
      };

  private final List<String> hostHeaders = new CopyOnWriteArrayList<>();
  private CountingListener trap;
  private HttpServer receiver;

  @BeforeEach
  void start_a_trap_and_a_receiver() throws IOException {
    trap = new CountingListener();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", this::answer);
    receiver.start();
  }

  @AfterEach
  void stop_them() throws IOException {
    receiver.stop(0);
    trap.close();
  }

  /** /ok answers 200; /hop/N redirects N more times to /ok; /to?url redirects to the url. */
  private void answer(HttpExchange exchange) throws IOException {
    hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
    String path = exchange.getRequestURI().getPath();
    if (path.startsWith("/hop/")) {
      int left = Integer.parseInt(path.substring(5));
      String next =
          left == 0 ? "/ok" : "http://receiver.test:" + receiverPort() + "/hop/" + (left - 1);
      redirect(exchange, next);
    } else if (path.equals("/to")) {
      redirect(exchange, exchange.getRequestURI().getRawQuery());
    } else {
      byte[] body = "received".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private int receiverPort() {
    return receiver.getAddress().getPort();
  }

  private static OutboundClient client(String... allowed) {
    return new OutboundClient(
        new OutboundClient.Settings(
            OutboundAllowList.of(List.of(allowed)), Duration.ofSeconds(2), Duration.ofSeconds(5)),
        TEST_NAMES);
  }

  private static String get(OutboundClient client, String url) throws IOException {
    return client.send(
        OutboundRequest.get(url, Map.of()),
        response ->
            response.status()
                + " "
                + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:%d/",
        "http://127.0.0.2:%d/",
        "http://127.1:%d/",
        "http://2130706433:%d/",
        "http://0x7f.1:%d/",
        "http://0x7f000001:%d/",
        "http://0177.0.0.1:%d/",
        "http://017700000001:%d/",
        "http://127.0.0.1.:%d/",
        "http://[::ffff:127.0.0.1]:%d/",
        "http://[::ffff:7f00:1]:%d/",
        "http://[::127.0.0.1]:%d/",
        "http://[64:ff9b::7f00:1]:%d/",
        "http://[2002:7f00:1::]:%d/",
        "http://[::1]:%d/",
        "http://[0:0:0:0:0:0:0:1]:%d/",
        "http://0.0.0.0:%d/",
        "http://0:%d/",
        "http://trap.test:%d/",
        "http://TRAP.test:%d/",
        "http://mixed.test:%d/",
        "http://user:password@127.0.0.1:%d/",
        "http://receiver.test@127.0.0.1:%d/",
        "ftp://127.0.0.1:%d/",
        "gopher://127.0.0.1:%d/",
        "file:///etc/passwd#%d",
        "http://%%31%%32%%37.0.0.1:%d/",
        "http://[::ffff:127.0.0.1%%25lo]:%d/",
      })
  void internal_addresses_in_any_spelling_are_refused_without_a_connection(String template)
      throws IOException {
    String url = String.format(template, trap.port());
    try (OutboundClient client = client()) {
      assertThatThrownBy(() -> get(client, url)).isInstanceOf(OutboundRefusedException.class);
      assertThatThrownBy(
              () -> client.send(OutboundRequest.post(url, Map.of(), new byte[1]), r -> r))
          .isInstanceOf(OutboundRefusedException.class);
    }
    assertThat(trap.accepted()).as("connections to the trap").isZero();
  }

  /**
   * Every refused class, as IP literals: checked without any network at all (these addresses are
   * not this machine's), and as names resolving to them, through the test's names.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://172.31.255.255/",
        "http://192.168.1.1/",
        "http://169.254.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[fd12:3456::1]/",
        "http://224.0.0.1/",
        "http://[ff02::1]/",
        "http://100.64.0.1/",
        "http://100.127.255.254/",
        "http://255.255.255.255/",
        "http://240.0.0.1/",
        "http://192.0.2.1/",
        "http://198.18.0.1/",
        "http://[::ffff:10.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::]/",
        "http://0xa9fea9fe/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://METADATA.google.internal./",
      })
  void every_internal_address_class_is_refused_before_any_lookup_or_connection(String url) {
    try (OutboundClient client = client()) {
      assertThatThrownBy(() -> client.check(url)).isInstanceOf(OutboundRefusedException.class);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "private.test",
        "metadata.test",
        "mapped.test",
        "ula.test",
        "cgnat.test",
        "trap.test",
        "mixed.test"
      })
  void names_resolving_to_internal_addresses_are_refused(String name) {
    AddressGuard guard = new AddressGuard(OutboundAllowList.none(), TEST_NAMES);

    assertThatThrownBy(() -> guard.resolve(name))
        .isInstanceOf(OutboundRefusedException.class)
        .hasMessageContaining(name + " resolves to an address that is");
  }

  @Test
  void the_system_resolvers_localhost_is_refused_without_a_connection() throws IOException {
    try (OutboundClient client =
        new OutboundClient(
            new OutboundClient.Settings(
                OutboundAllowList.none(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
            HostResolver.SYSTEM)) {
      assertThatThrownBy(() -> get(client, "http://localhost:" + trap.port() + "/"))
          .isInstanceOf(OutboundRefusedException.class)
          .hasMessageContaining("loopback");
    }
    assertThat(trap.accepted()).isZero();
  }

  @Test
  void an_allowed_address_is_reached() throws IOException {
    try (OutboundClient client = client("127.0.0.1")) {
      assertThat(get(client, "http://127.0.0.1:" + receiverPort() + "/ok"))
          .isEqualTo("200 received");
      assertThat(get(client, "http://2130706433:" + receiverPort() + "/ok"))
          .isEqualTo("200 received");
    }
  }

  @Test
  void the_connection_goes_to_the_checked_address_with_the_urls_host_name() throws IOException {
    // receiver.test exists only in the guard's resolver: reaching it proves the client connected to
    // the address the guard returned, and the Host header shows it kept the name.
    try (OutboundClient client = client("receiver.test")) {
      assertThat(get(client, "http://receiver.test:" + receiverPort() + "/ok"))
          .isEqualTo("200 received");
    }
    assertThat(hostHeaders).containsExactly("receiver.test:" + receiverPort());
  }

  @Test
  void an_allowed_range_does_not_open_cloud_metadata() {
    try (OutboundClient client = client("169.254.0.0/16", "metadata.test")) {
      assertThatThrownBy(() -> client.check("http://169.254.169.254/"))
          .isInstanceOf(OutboundRefusedException.class)
          .hasMessageContaining("metadata");
      assertThatThrownBy(() -> get(client, "http://metadata.test/"))
          .isInstanceOf(OutboundRefusedException.class)
          .hasMessageContaining("metadata");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void up_to_five_redirects_are_followed_and_a_sixth_is_refused() throws IOException {
    try (OutboundClient client = client("receiver.test")) {
      String base = "http://receiver.test:" + receiverPort();
      assertThat(get(client, base + "/hop/4")).isEqualTo("200 received"); // 5 redirects
      assertThatThrownBy(() -> get(client, base + "/hop/5"))
          .isInstanceOf(OutboundRefusedException.class)
          .hasMessageContaining("redirects more than 5 times");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:%d/",
        "http://trap.test:%d/",
        "http://0x7f.1:%d/",
        "http://[::ffff:127.0.0.1]:%d/",
        "http://localhost.:%d/",
        "file:///etc/passwd?%d"
      })
  void a_redirect_to_an_internal_address_is_refused_without_a_connection(String template)
      throws IOException {
    // Only the name receiver.test is allowed: its first hop is reached, the redirect's target is
    // checked on its own, and the trap, on the same loopback address, is never connected to.
    String target = String.format(template, trap.port());
    try (OutboundClient client = client("receiver.test")) {
      assertThatThrownBy(
              () -> get(client, "http://receiver.test:" + receiverPort() + "/to?" + target))
          .isInstanceOf(OutboundRefusedException.class);
    }
    assertThat(hostHeaders).hasSize(1);
    assertThat(trap.accepted()).isZero();
  }

  @Test
  void the_allow_list_reads_addresses_ranges_and_names() {
    assertThat(OutboundAllowList.isValidEntry("10.0.0.0/8")).isTrue();
    assertThat(OutboundAllowList.isValidEntry("::1")).isTrue();
    assertThat(OutboundAllowList.isValidEntry("hooks.internal.example")).isTrue();
    assertThat(OutboundAllowList.isValidEntry("10.0.0.0/33")).isFalse();
    assertThat(OutboundAllowList.isValidEntry("http://x")).isFalse();
    assertThatThrownBy(() -> OutboundAllowList.of(List.of("a b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a b'");
    assertThat(OutboundAllowList.of(List.of("10.0.0.0/8", "x.example")).toString())
        .isEqualTo("10.0.0.0/8,x.example");
  }
}
