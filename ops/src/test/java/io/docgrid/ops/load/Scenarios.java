package io.docgrid.ops.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.RawFileBodyPart;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.docgrid.testkit.Corpus;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Path;
import java.util.Set;

/**
 * The load scenarios' parts. A client submits a document and waits for its job with {@code Prefer:
 * wait} (a long poll, never a tight loop), then fetches its text. A 429 with {@code Retry-After} is
 * a tier limit doing its work, not an error; anything else that is not a success is one.
 */
final class Scenarios {

  private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");

  private Scenarios() {}

  static HttpProtocolBuilder protocol(DocGridUnderLoad node) {
    return http.baseUrl(node.baseUrl()).acceptHeader("application/json").shareConnections();
  }

  /** The corpus the scenarios draw from: {@code -Ddocgrid.corpus.dir}, else ../shared/corpus. */
  static Path corpus() {
    return Corpus.root();
  }

  /**
   * One document from the feeder, submitted with {@code key}: named after its kind, so that each
   * kind's response times are reported apart; then its job awaited and its text fetched.
   */
  static ChainBuilder submitAndFetch(String key) {
    return exec(http("#{request}")
            .post("/api/v1/jobs")
            .header("Authorization", "Bearer " + key)
            .header("Prefer", "wait=60")
            .bodyPart(
                RawFileBodyPart("file", "#{path}")
                    .fileName("#{name}")
                    .contentType("application/octet-stream"))
            .asMultipartForm()
            .check(status().in(200, 202, 429))
            .checkIf((response, session) -> response.status().code() == 429)
            .then(header("Retry-After").exists())
            .checkIf((response, session) -> response.status().code() != 429)
            .then(jsonPath("$.id").saveAs("id"), jsonPath("$.status").saveAs("status")))
        .doIf(session -> session.contains("id"))
        .then(
            exec(session -> session.set("waits", 0))
                .asLongAs(
                    session ->
                        !FINISHED.contains(session.getString("status"))
                            && session.getInt("waits") < 10)
                .on(
                    exec(http("long poll")
                            .get("/api/v1/jobs/#{id}")
                            .header("Authorization", "Bearer " + key)
                            .header("Prefer", "wait=60")
                            .check(status().in(200, 429))
                            .checkIf((response, session) -> response.status().code() == 429)
                            .then(header("Retry-After").exists())
                            .checkIf((response, session) -> response.status().code() != 429)
                            .then(jsonPath("$.status").saveAs("status")))
                        .exec(session -> session.set("waits", session.getInt("waits") + 1)))
                .doIf(session -> "succeeded".equals(session.getString("status")))
                .then(
                    exec(
                        http("result text")
                            .get("/api/v1/jobs/#{id}/result?format=text")
                            .header("Authorization", "Bearer " + key)
                            // Fetching is a request too: past the tier's rate it is refused alike.
                            .check(status().in(200, 429))
                            .checkIf((response, session) -> response.status().code() == 429)
                            .then(header("Retry-After").exists())))
                .doIf(session -> !"succeeded".equals(session.getString("status")))
                .then(
                    // A failed job is an error of the load: the documents are all readable.
                    exec(
                        http("job failed")
                            .get("/api/v1/jobs/#{id}")
                            .header("Authorization", "Bearer " + key)
                            .check(jsonPath("$.status").is("succeeded")))))
        .exec(session -> session.remove("id").remove("status"));
  }

  /**
   * Whether the result cache answered at least {@code share} of the lookups: a request that fails
   * when it did not, so that the run's assertions on errors catch it.
   */
  static ScenarioBuilder cacheVerdict(DocGridUnderLoad node, double share) {
    return scenario("result cache verdict")
        .exec(
            http("result cache hit rate >= " + share)
                .get("/api/v1/cache")
                .header("Authorization", "Bearer " + node.adminKey())
                .check(status().is(200), jsonPath("$.hitRate").ofDouble().gte(share)));
  }
}
