package io.docgrid.ops.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.util.List;

/**
 * The load scenarios in small, run by {@code ./mvnw verify}: a short mixed load and a burst past a
 * tier's limits, against a node of their own. Asserts on errors only, never on timing: a shared CI
 * machine's timing proves nothing.
 */
public class SmokeSimulation extends Simulation {

  private final DocGridUnderLoad node = DocGridUnderLoad.startOrConnect(List.of());
  private final String tenant = node.newKey("smoke burst", "STANDARD");

  {
    Documents mixed = new Documents(Scenarios.corpus(), new Documents.Mix(0.8, 0.15, 0.05, 0.3));
    Documents burst = new Documents(Scenarios.corpus(), new Documents.Mix(1, 0, 0, 0));
    setUp(
            scenario("mixed documents")
                .feed(mixed)
                .exec(Scenarios.submitAndFetch(node.adminKey()))
                .injectOpen(constantUsersPerSec(1).during(15)),
            scenario("burst past the tier's limits")
                .feed(burst)
                .exec(Scenarios.submitAndFetch(tenant))
                .injectOpen(atOnceUsers(30)))
        .protocols(Scenarios.protocol(node))
        .assertions(global().failedRequests().count().is(0L));
  }

  @Override
  public void after() {
    node.close();
  }
}
