package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency-Key: a repeated request gets the same job; another request under the key, 409. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyKeyTest {

  private TestNode node;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    node = TestNodeConfig.in(temp.resolve("data")).start();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void the_same_request_gets_the_same_job_and_another_request_is_refused() throws Exception {
    HttpResponse<String> first = submit(node.http, "order-1", "a.txt", "invoice");
    HttpResponse<String> again = submit(node.http, "order-1", "a.txt", "invoice");

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("id").asText()).isEqualTo(json(first).get("id").asText());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

    problem(
        submit(node.http, "order-1", "a.txt", "another invoice"), 409, "IDEMPOTENCY_KEY_REUSED");
    problem(submit(node.http, "order-1", "b.txt", "invoice"), 409, "IDEMPOTENCY_KEY_REUSED");
    assertThat(submit(node.http, "order-2", "a.txt", "invoice").body())
        .doesNotContain(json(first).get("id").asText());
  }

  @Test
  void keys_belong_to_each_caller() throws Exception {
    HttpApi tenant = node.http.withNewKey("tenant", "STANDARD");
    String mine = json(submit(node.http, "shared-key", "a.txt", "same")).get("id").asText();
    String theirs = json(submit(tenant, "shared-key", "a.txt", "same")).get("id").asText();
    assertThat(theirs).isNotEqualTo(mine);
  }

  @Test
  void racing_repeats_make_one_job() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<HttpResponse<String>>> racers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        racers.add(() -> submit(node.http, "race", "r.txt", "racing"));
      }
      Set<String> ids = new HashSet<>();
      for (Future<HttpResponse<String>> response : pool.invokeAll(racers)) {
        assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
        ids.add(json(response.get()).get("id").asText());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void keys_that_are_not_printable_ascii_or_too_long_are_refused() throws Exception {
    for (String key : List.of("a".repeat(256), "white space", "comma,is,fine but not spaces")) {
      HttpResponse<String> refused = submit(node.http, key, "a.txt", "x");
      assertThat(refused.statusCode()).as(key).isEqualTo(400);
      var body = problem(refused, 400, "VALIDATION_FAILED");
      assertThat(body.at("/errors/0/field").asText()).isEqualTo("idempotencyKey");
    }
  }

  private static HttpResponse<String> submit(HttpApi api, String key, String name, String text)
      throws Exception {
    HttpApi.Multipart body = new HttpApi.Multipart().file("file", name, text.getBytes());
    return api.send(
        api.request("/api/v1/jobs")
            .header("Content-Type", body.contentType())
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
  }
}
