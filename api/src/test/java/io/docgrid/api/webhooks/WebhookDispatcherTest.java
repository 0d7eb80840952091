package io.docgrid.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.docgrid.api.ApiJson;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.outbound.HostResolver;
import io.docgrid.api.outbound.OutboundAllowList;
import io.docgrid.api.outbound.OutboundClient;
import io.docgrid.sql.Database;
import io.docgrid.sql.DatabaseSettings;
import io.docgrid.sql.WebhookDeliveryRepository;
import io.docgrid.sql.WebhookEndpointRepository;
import io.docgrid.sql.model.DeliveryStatus;
import io.docgrid.sql.model.WebhookDelivery;
import io.docgrid.sql.model.WebhookEndpoint;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.PostgresSchema;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two nodes' dispatchers on one ledger, as two API nodes sharing a database: each event reaches the
 * receiver once per try, on H2 and on PostgreSQL.
 */
class WebhookDispatcherTest {

  private static final int EVENTS = 30;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void of_two_dispatchers_one_makes_each_try_and_a_success_is_final(
      String databaseKind, @TempDir Path temp) throws Exception {
    PostgresSchema schema = databaseKind.equals("h2") ? null : PostgresSchema.named();
    Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String id = exchange.getRequestHeaders().getFirst("webhook-id");
          // Every event fails its first try: the retry must be made once, by one node.
          int seen = tries.computeIfAbsent(id, any -> new AtomicInteger()).incrementAndGet();
          exchange.sendResponseHeaders(seen == 1 ? 500 : 204, -1);
          exchange.close();
        });
    receiver.start();
    List<AutoCloseable> open = new ArrayList<>();
    try (Database database = new Database(settings(schema, temp))) {
      WebhookEndpointRepository endpoints = new WebhookEndpointRepository(database.dsl());
      WebhookDeliveryRepository deliveries = new WebhookDeliveryRepository(database.dsl());
      Instant now = Instant.now();
      WebhookEndpoint endpoint =
          WebhookEndpoint.created(
              "tenant",
              "http://127.0.0.1:" + receiver.getAddress().getPort() + "/",
              null,
              WebhookEventTypes.SUBSCRIBABLE,
              new WebhookSigner(new SecureRandom()).newSecret(),
              "http://127.0.0.1:8080",
              now);
      endpoints.insert(endpoint);
      List<WebhookDispatcher> nodes = new ArrayList<>();
      for (String node : List.of("node-a", "node-b")) {
        OutboundClient client =
            new OutboundClient(
                new OutboundClient.Settings(
                    OutboundAllowList.of(List.of("127.0.0.1")),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2)),
                HostResolver.SYSTEM);
        WebhookDispatcher dispatcher =
            new WebhookDispatcher(
                deliveries,
                endpoints,
                client,
                new WebhookDispatcher.Settings(
                    new RetrySchedule(Duration.ofMillis(150), Duration.ofSeconds(1), 5),
                    3,
                    Duration.ofSeconds(30)),
                node,
                new WebhookMetrics().register(new ApiMetrics().registry()),
                Clock.systemUTC());
        open.add(client);
        open.add(dispatcher);
        nodes.add(dispatcher.start());
      }
      WebhookEvents events =
          new WebhookEvents(
              endpoints,
              deliveries,
              ApiJson.newMapper(),
              () -> nodes.forEach(WebhookDispatcher::dispatchNow),
              Clock.systemUTC());

      for (int i = 0; i < EVENTS; i++) {
        int number = i;
        events.publish(
            "tenant", WebhookEventTypes.JOB_SUCCEEDED, baseUrl -> Map.of("n", number), List.of());
      }

      List<WebhookDelivery> delivered =
          Eventually.await(
              "every delivery succeeded",
              Duration.ofSeconds(60),
              () -> deliveries.listForEndpoint(endpoint.id(), 100),
              all ->
                  all.size() == EVENTS
                      && all.stream().allMatch(d -> d.status() == DeliveryStatus.SUCCEEDED));
      assertThat(tries).hasSize(EVENTS);
      assertThat(tries.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(2));
      assertThat(delivered).allSatisfy(delivery -> assertThat(delivery.attempts()).isEqualTo(2));
    } finally {
      for (AutoCloseable closeable : open) {
        closeable.close();
      }
      receiver.stop(0);
      if (schema != null) {
        schema.close();
      }
    }
  }

  private static DatabaseSettings settings(PostgresSchema schema, Path temp) throws IOException {
    return schema == null
        ? DatabaseSettings.embedded(temp.resolve("db"))
        : new DatabaseSettings(
            schema.serverUrl(), schema.user(), schema.password(), 4, schema.schema());
  }
}
