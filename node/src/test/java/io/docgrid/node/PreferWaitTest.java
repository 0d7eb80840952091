package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Prefer: wait=N}: 200 with the finished job when it finishes in time, else the usual 202
 * with the job left running.
 */
class PreferWaitTest {

  @Test
  void a_quick_job_comes_back_finished_and_a_waiting_one_stays_queued(@TempDir Path temp)
      throws Exception {
    try (TestNode compute = TestNodeConfig.in(temp.resolve("compute")).compute(true).start()) {
      HttpResponse<String> finished = submitWaiting(compute.http, "wait=30");
      assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
      assertThat(finished.headers().firstValue("Preference-Applied")).contains("wait=30");
      JsonNode job = json(finished);
      assertThat(job.get("status").asText()).isEqualTo("succeeded");
      assertThat(
              compute.http.get("/api/v1/jobs/" + job.get("id").asText() + "/result").statusCode())
          .isEqualTo(200);
    }
    try (TestNode apiOnly = TestNodeConfig.in(temp.resolve("api")).start()) {
      long started = System.nanoTime();
      HttpResponse<String> waited = submitWaiting(apiOnly.http, "wait=1");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(900));
      assertThat(waited.statusCode()).isEqualTo(202);
      assertThat(waited.headers().firstValue("Preference-Applied")).contains("wait=1");
      String id = json(waited).get("id").asText();
      assertThat(json(apiOnly.http.get("/api/v1/jobs/" + id)).get("status").asText())
          .isEqualTo("queued");
    }
  }

  @Test
  void a_long_poll_on_a_job_answers_when_it_ends_or_when_the_wait_is_over(@TempDir Path temp)
      throws Exception {
    try (TestNode apiOnly = TestNodeConfig.in(temp.resolve("api")).start()) {
      String id = json(submitWaiting(apiOnly.http, "wait=1")).get("id").asText();

      CompletableFuture<HttpResponse<String>> polling =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return apiOnly.http.send(
                      apiOnly.http.request("/api/v1/jobs/" + id).header("Prefer", "wait=60"));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // A one-second long poll of its own: it answers when the wait is over, by which time the
      // long poll above is waiting too.
      long started = System.nanoTime();
      HttpResponse<String> stillQueued =
          apiOnly.http.send(apiOnly.http.request("/api/v1/jobs/" + id).header("Prefer", "wait=1"));
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(900));
      assertThat(stillQueued.statusCode()).isEqualTo(200);
      assertThat(stillQueued.headers().firstValue("Preference-Applied")).contains("wait=1");
      assertThat(json(stillQueued).get("status").asText()).isEqualTo("queued");
      assertThat(polling).isNotDone();

      started = System.nanoTime();
      assertThat(apiOnly.http.delete("/api/v1/jobs/" + id).statusCode()).isEqualTo(200);
      HttpResponse<String> ended = polling.get(30, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
      assertThat(json(ended).get("status").asText()).isEqualTo("cancelled");

      HttpResponse<String> finished =
          apiOnly.http.send(apiOnly.http.request("/api/v1/jobs/" + id).header("Prefer", "wait=60"));
      assertThat(finished.headers().firstValue("Preference-Applied")).isEmpty();
      assertThat(json(finished).get("status").asText()).isEqualTo("cancelled");
    }
  }

  private static HttpResponse<String> submitWaiting(HttpApi api, String prefer) throws Exception {
    HttpApi.Multipart body = new HttpApi.Multipart().file("file", "note.txt", "quick".getBytes());
    HttpRequest.Builder request =
        api.request("/api/v1/jobs")
            .header("Content-Type", body.contentType())
            .header("Prefer", prefer)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    return api.send(request);
  }
}
