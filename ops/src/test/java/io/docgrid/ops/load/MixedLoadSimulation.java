package io.docgrid.ops.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.util.List;

/**
 * Steady mixed load at this machine's nominal rate: 80 % born-digital PDFs, 15 % scanned pages, 5 %
 * office documents, 30 % of submissions repeating an earlier document so that the result cache
 * serves them. Asserts under 0.1 % errors (429s excepted), a p95 under 5 s for PDFs of at most 10
 * pages (submitted with {@code Prefer: wait}, so the time to their result), and a result-cache hit
 * rate over 30 %. Rate and duration: {@code -Drate=} documents/s (default 2) and {@code
 * -Dduration=} seconds (default 120).
 */
public class MixedLoadSimulation extends Simulation {

  private final DocGridUnderLoad node = DocGridUnderLoad.startOrConnect(List.of());

  {
    double rate = Double.parseDouble(System.getProperty("rate", "2"));
    int duration = Integer.parseInt(System.getProperty("duration", "120"));
    Documents documents =
        new Documents(Scenarios.corpus(), new Documents.Mix(0.8, 0.15, 0.05, 0.3));
    setUp(
            scenario("mixed documents")
                .feed(documents)
                .exec(Scenarios.submitAndFetch(node.adminKey()))
                .injectOpen(constantUsersPerSec(rate).during(duration))
                .andThen(Scenarios.cacheVerdict(node, 0.3).injectOpen(atOnceUsers(1))))
        .protocols(Scenarios.protocol(node))
        .assertions(
            global().failedRequests().percent().lt(0.1),
            details(Documents.Kind.BORN_DIGITAL_SMALL.request)
                .responseTime()
                .percentile(95)
                .lt(5000));
  }

  @Override
  public void after() {
    node.close();
  }
}
