package io.docgrid.ops.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import java.util.List;

/**
 * A burst past a tier's limits: a STANDARD tenant (120 requests a minute, 10 jobs at once) sends
 * {@code -Dusers=} documents at once (default 300). The limits answer 429 with {@code Retry-After};
 * nothing else may fail, and the node must have refused some (the metrics say so).
 */
public class BurstSimulation extends Simulation {

  private final DocGridUnderLoad node = DocGridUnderLoad.startOrConnect(List.of());
  private final String tenant = node.newKey("burst", "STANDARD");

  {
    int users = Integer.parseInt(System.getProperty("users", "300"));
    Documents documents = new Documents(Scenarios.corpus(), new Documents.Mix(1, 0, 0, 0));
    setUp(
            scenario("burst past the tier's limits")
                .feed(documents)
                .exec(Scenarios.submitAndFetch(tenant))
                .injectOpen(atOnceUsers(users))
                .andThen(
                    scenario("limits verdict")
                        .exec(
                            http("some submissions were refused with 429")
                                .get("/api/v1/metrics")
                                .header("Authorization", "Bearer " + node.adminKey())
                                .check(status().is(200), regex("status=\"429\"").exists()))
                        .injectOpen(atOnceUsers(1))))
        .protocols(Scenarios.protocol(node))
        .assertions(global().failedRequests().count().is(0L));
  }

  @Override
  public void after() {
    node.close();
  }
}
