package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Corpus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken requests against a real node: each gets its documented status and code as
 * problem JSON with the request id, leaves no spool file behind, and leaks no internal path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  private static final String PLANTED = "planted-secret-7f3a";
  private static final long MAX_UPLOAD = 1024 * 1024;

  private Path temp;
  private Path dataDir;
  private TestNode node;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    this.temp = temp;
    dataDir = temp.resolve(PLANTED);
    node = TestNodeConfig.in(dataDir).compute(true).maxUpload(MAX_UPLOAD).start();
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void no_spool_file_is_left_behind() throws Exception {
    try (Stream<Path> left = Files.list(dataDir.resolve("blobs").resolve("tmp"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void an_empty_file_is_rejected() throws Exception {
    problem(node.http.submit("empty.pdf", new byte[0], null), 400, "EMPTY_FILE");
  }

  @Test
  void a_missing_file_part_names_the_field() throws Exception {
    JsonNode body = problem(node.http.submit(null, null, "{}"), 400, "VALIDATION_FAILED");
    assertThat(body.at("/errors/0/field").asText()).isEqualTo("file");
  }

  @Test
  void a_malformed_multipart_body_is_an_invalid_request() throws Exception {
    byte[] garbage =
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n\r\n%PDF-1.4 trunc"
            .getBytes(StandardCharsets.UTF_8);
    problem(
        node.http.post("/api/v1/jobs", "multipart/form-data; boundary=b", garbage, null),
        400,
        "INVALID_REQUEST");
  }

  @Test
  void a_body_that_is_neither_multipart_nor_a_json_source_is_an_invalid_request() throws Exception {
    problem(
        node.http.post("/api/v1/jobs", "text/plain", "file=1".getBytes(), null),
        400,
        "INVALID_REQUEST");
    var unknownField =
        problem(
            node.http.post("/api/v1/jobs", "application/json", "{\"file\":1}".getBytes(), null),
            400,
            "VALIDATION_FAILED");
    assertThat(unknownField.at("/errors/0/field").asText()).isEqualTo("file");
    problem(
        node.http.post("/api/v1/jobs", "application/json", "[1]".getBytes(), null),
        400,
        "INVALID_REQUEST");
  }

  @Test
  void an_oversize_upload_is_refused_while_streaming() throws Exception {
    byte[] big = new byte[(int) MAX_UPLOAD * 3];
    System.arraycopy("%PDF-1.4\n".getBytes(), 0, big, 0, 9);
    refusedAsTooLarge(new HttpApi.Multipart().file("file", "big.pdf", big));
  }

  @Test
  void an_upload_just_over_the_file_limit_is_refused() throws Exception {
    byte[] over = new byte[(int) MAX_UPLOAD + 1];
    refusedAsTooLarge(new HttpApi.Multipart().file("file", "over.txt", over));
  }

  @Test
  void a_refused_upload_is_read_to_its_end_so_that_its_connection_carries_the_next_request()
      throws Exception {
    // Refused by its Content-Length alone, and still arriving when the answer is ready: as through
    // a proxy, which loses an answer sent on a connection reset under its feet.
    HttpApi.Multipart upload =
        new HttpApi.Multipart().file("file", "over.txt", new byte[(int) MAX_UPLOAD * 3 / 2]);
    List<EarlyResponseUpload.Response> answers =
        EarlyResponseUpload.postThenGet(
            node.http,
            "/api/v1/jobs",
            upload.contentType(),
            upload.bytes(),
            Duration.ofMillis(5),
            "/api/v1/health");
    assertThat(answers.get(0).status()).as(answers.get(0).body()).isEqualTo(413);
    assertThat(answers.get(0).header("Connection")).isNotEqualTo("close");
    assertThat(answers.get(1).status()).as(answers.get(1).body()).isEqualTo(200);
  }

  @Test
  void a_body_far_over_the_limit_is_left_unread_and_its_connection_closed() throws Exception {
    HttpApi.Multipart upload =
        new HttpApi.Multipart().file("file", "huge.txt", new byte[(int) MAX_UPLOAD * 3]);
    EarlyResponseUpload.Response response =
        EarlyResponseUpload.post(node.http, "/api/v1/jobs", upload.contentType(), upload.bytes());
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Connection")).isEqualTo("close");
  }

  private void refusedAsTooLarge(HttpApi.Multipart upload) throws Exception {
    EarlyResponseUpload.Response response =
        EarlyResponseUpload.post(node.http, "/api/v1/jobs", upload.contentType(), upload.bytes());
    assertThat(response.status()).as(response.body()).isEqualTo(413);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode body = HttpApi.JSON.readTree(response.body());
    assertThat(body.path("code").asText()).isEqualTo("FILE_TOO_LARGE");
    assertThat(body.path("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
  }

  @Test
  void an_executable_renamed_pdf_is_an_unsupported_media_type() throws Exception {
    byte[] elf = new byte[256];
    byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
    System.arraycopy(header, 0, elf, 0, header.length);
    elf[16] = 2; // ET_EXEC
    elf[18] = 0x3e; // x86-64
    JsonNode body =
        problem(node.http.submit("invoice.pdf", elf, null), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertThat(body.get("detail").asText()).contains("not supported");
  }

  @Test
  void a_pdf_named_like_a_word_document_is_an_unsupported_media_type() throws Exception {
    byte[] pdf = Files.readAllBytes(Corpus.dev("pypdf__minimal-document.pdf"));
    JsonNode body =
        problem(node.http.submit("letter.docx", pdf, null), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertThat(body.get("detail").asText()).contains("letter.docx").contains("application/pdf");
  }

  @Test
  void malformed_options_json_is_an_invalid_request() throws Exception {
    byte[] pdf = Files.readAllBytes(Corpus.dev("pypdf__minimal-document.pdf"));
    problem(node.http.submit("a.pdf", pdf, "{\"ocr\": "), 400, "INVALID_REQUEST");
    problem(node.http.submit("a.pdf", pdf, "[1,2]"), 400, "VALIDATION_FAILED");
  }

  @Test
  void an_unknown_job_is_not_found() throws Exception {
    problem(node.http.get("/api/v1/jobs/" + UUID.randomUUID()), 404, "NOT_FOUND");
    problem(node.http.get("/api/v1/jobs/" + UUID.randomUUID() + "/result"), 404, "NOT_FOUND");
  }

  @Test
  void a_job_id_that_is_not_a_uuid_fails_validation() throws Exception {
    JsonNode body = problem(node.http.get("/api/v1/jobs/not-a-uuid"), 400, "VALIDATION_FAILED");
    assertThat(body.at("/errors/0/field").asText()).isEqualTo("id");
    problem(node.http.get("/api/v1/jobs/..%2F..%2Fetc%2Fpasswd"), 400, "VALIDATION_FAILED");
  }

  @Test
  void bad_list_parameters_fail_validation() throws Exception {
    problem(node.http.get("/api/v1/jobs?limit=0"), 400, "VALIDATION_FAILED");
    problem(node.http.get("/api/v1/jobs?limit=abc"), 400, "VALIDATION_FAILED");
    problem(node.http.get("/api/v1/jobs?cursor=%00%01garbage"), 400, "VALIDATION_FAILED");
  }

  @Test
  void an_unknown_result_format_fails_validation() throws Exception {
    String id = finishedJob();
    problem(node.http.get("/api/v1/jobs/" + id + "/result?format=docx"), 400, "VALIDATION_FAILED");
  }

  @Test
  void unknown_routes_and_methods_are_problems_too() throws Exception {
    problem(node.http.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
    HttpResponse<String> wrongMethod =
        node.http.post("/api/v1/health", "text/plain", new byte[0], null);
    problem(wrongMethod, 405, "METHOD_NOT_ALLOWED");
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET");
    assertThat(json(wrongMethod).get("requestId").asText()).isNotEmpty();
    HttpResponse<String> wrongMethodOnAJob = node.http.patchJson("/api/v1/jobs/some-id", "{}");
    problem(wrongMethodOnAJob, 405, "METHOD_NOT_ALLOWED");
    assertThat(wrongMethodOnAJob.headers().firstValue("Allow").orElseThrow().split(",\\s*"))
        .containsExactlyInAnyOrder("GET", "DELETE");
  }

  @Test
  void the_result_of_an_unfinished_job_is_a_conflict() throws Exception {
    // An API-only node in a cluster of its own: no compute node will ever take the job.
    try (TestNode apiOnly =
        TestNodeConfig.in(temp.resolve("api-only")).maxUpload(MAX_UPLOAD).start()) {
      byte[] pdf = Files.readAllBytes(Corpus.dev("pypdf__minimal-document.pdf"));
      HttpResponse<String> accepted = apiOnly.http.submit("a.pdf", pdf, null);
      assertThat(accepted.statusCode()).isEqualTo(202);
      String id = json(accepted).get("id").asText();
      JsonNode body =
          problem(apiOnly.http.get("/api/v1/jobs/" + id + "/result"), 409, "JOB_NOT_FINISHED");
      assertThat(body.get("retryable").asBoolean()).isTrue();
      assertThat(json(apiOnly.http.get("/api/v1/jobs/" + id)).get("status").asText())
          .isEqualTo("queued");
      assertThat(apiOnly.http.get("/api/v1/ready").statusCode()).isEqualTo(503);
    }
  }

  @Test
  void a_sane_request_id_is_echoed_and_an_unsafe_one_replaced() throws Exception {
    HttpResponse<String> echoed =
        node.http.post("/api/v1/jobs", "text/plain", new byte[0], "abc-123");
    assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("abc-123");
    assertThat(json(echoed).get("requestId").asText()).isEqualTo("abc-123");

    HttpResponse<String> replaced =
        node.http.post("/api/v1/jobs", "text/plain", new byte[0], "bad id with spaces");
    assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow())
        .isNotEqualTo("bad id with spaces")
        .matches("[0-9a-f-]{36}");
  }

  @Test
  void internal_errors_never_leak_paths_or_stack_traces() throws Exception {
    String id = finishedJob();
    // A result that cannot be read (a folder where its file was): a fault of ours the client
    // cannot fix, whose exception names the path. Other bytes in its place are RESULT_MISSING.
    Path result = dataDir.resolve("blobs").resolve("results").resolve(id + ".json");
    Files.delete(result);
    Files.createDirectories(result.resolve(PLANTED));

    HttpResponse<String> response = node.http.get("/api/v1/jobs/" + id + "/result");
    JsonNode body = problem(response, 500, "INTERNAL_ERROR");
    assertThat(response.body()).doesNotContain(PLANTED).doesNotContain(dataDir.toString());
    assertThat(body.get("detail").asText()).contains("request id");
  }

  @Test
  void problem_bodies_never_contain_the_data_directory() throws Exception {
    byte[] pdf = Files.readAllBytes(Corpus.dev("pypdf__minimal-document.pdf"));
    for (HttpResponse<String> response :
        new HttpResponse[] {
          node.http.submit("x.docx", pdf, null),
          node.http.submit("x.pdf", new byte[0], null),
          node.http.get("/api/v1/jobs/" + UUID.randomUUID()),
        }) {
      assertThat(response.body()).doesNotContain(PLANTED);
    }
  }

  private String finishedJob() throws Exception {
    byte[] pdf = Files.readAllBytes(Corpus.dev("pypdf__minimal-document.pdf"));
    String id = json(node.http.submit("a.pdf", pdf, null)).get("id").asText();
    assertThat(node.http.awaitFinished(id, Duration.ofSeconds(60)).get("status").asText())
        .isEqualTo("succeeded");
    return id;
  }
}
