package io.docgrid.ops.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.util.List;

/**
 * An OCR-heavy soak: scanned pages only, none repeated, at {@code -Drate=} pages/s (default 0.5)
 * for {@code -Dduration=} seconds (default 600). Asserts under 0.1 % errors: a long run must not
 * leak, wedge a child or fail a page.
 */
public class OcrSoakSimulation extends Simulation {

  private final DocGridUnderLoad node = DocGridUnderLoad.startOrConnect(List.of());

  {
    double rate = Double.parseDouble(System.getProperty("rate", "0.5"));
    int duration = Integer.parseInt(System.getProperty("duration", "600"));
    Documents documents = new Documents(Scenarios.corpus(), new Documents.Mix(0, 1, 0, 0));
    setUp(
            scenario("scanned pages")
                .feed(documents)
                .exec(Scenarios.submitAndFetch(node.adminKey()))
                .injectOpen(constantUsersPerSec(rate).during(duration)))
        .protocols(Scenarios.protocol(node))
        .assertions(global().failedRequests().percent().lt(0.1));
  }

  @Override
  public void after() {
    node.close();
  }
}
