package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.Eventually;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load for the database outage and failover tests: one small text PDF submitted every {@code
 * everyMillis}, each different, recording which were acknowledged and how the others were answered.
 */
final class SteadySubmissions implements AutoCloseable {

  /** A submission the node did not acknowledge, as it was answered. */
  record Refusal(int status, String code, String retryAfter, long millis, String body) {

    /** A refusal that tells the client to come back: 503 SERVICE_UNAVAILABLE with Retry-After. */
    void assertRetryLater() {
      assertThat(status).as(body).isEqualTo(503);
      assertThat(code).isEqualTo("SERVICE_UNAVAILABLE");
      assertThat(retryAfter).isNotBlank();
    }
  }

  private final HttpApi http;
  private final ScheduledExecutorService pace =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "steady-submissions");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger sent = new AtomicInteger();
  private final List<String> acknowledged = new CopyOnWriteArrayList<>();
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();

  SteadySubmissions(HttpApi http, long everyMillis) {
    this.http = http;
    pace.scheduleWithFixedDelay(this::submitOne, 0, everyMillis, TimeUnit.MILLISECONDS);
  }

  private void submitOne() {
    int number = sent.incrementAndGet();
    long started = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.submit(
              "load-" + number + ".pdf",
              GridProcesses.numberedPdf(1, "Load " + number + " " + started + ". "),
              null);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (response.statusCode() == 201 || response.statusCode() == 202) {
        acknowledged.add(HttpApi.json(response).get("id").asText());
      } else {
        refusals.add(
            new Refusal(
                response.statusCode(),
                HttpApi.json(response).path("code").asText(),
                response.headers().firstValue("Retry-After").orElse(null),
                millis,
                response.body()));
      }
    } catch (Exception | Error e) {
      failures.add(e);
    }
  }

  /** Polls until {@code count} submissions were acknowledged, for at most two minutes. */
  void awaitAcknowledged(int count) throws Exception {
    Eventually.await(
        count + " acknowledged submissions",
        Duration.ofMinutes(2),
        acknowledged::size,
        acknowledgedSoFar -> acknowledgedSoFar >= count,
        () -> "; refused: " + refusals + "; failed: " + failures);
  }

  /** Ids of the jobs acknowledged so far. */
  List<String> acknowledged() {
    return List.copyOf(acknowledged);
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  /** Requests that got no HTTP answer at all, or an unreadable one. */
  List<Throwable> failures() {
    return new ArrayList<>(failures);
  }

  @Override
  public void close() throws InterruptedException {
    pace.shutdown();
    pace.awaitTermination(1, TimeUnit.MINUTES);
  }
}
