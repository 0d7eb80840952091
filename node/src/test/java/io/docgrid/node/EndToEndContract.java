package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.SpecConformance;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole service end to end: a real node (Ignite, Javalin, database, blob store) on random
 * ports, real documents over real HTTP. Run once per database backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

  TestNode node;

  abstract io.docgrid.node.config.NodeConfig.DbConfig database() throws Exception;

  @BeforeAll
  void startNode(@TempDir Path dataDir) throws Exception {
    node =
        TestNodeConfig.in(dataDir).database(database()).compute(true).maxUpload(100L << 20).start();
  }

  /** Called after the node has stopped, to remove what {@link #database()} created. */
  void dropDatabase() throws Exception {}

  @AfterAll
  void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
    dropDatabase();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pypdf__minimal-document.pdf",
        "pypdf__pdflatex-4-pages.pdf",
        "pypdf__multicolumn.pdf",
        "pdfbox__cweb.pdf",
        "pdfbox__PDFBOX-3110-poems-beads.pdf"
      })
  void pdf_pages_come_back_as_pdfbox_extracts_them(String name) throws Exception {
    Path file = Corpus.dev(name);
    JsonNode result = submitAndFetch(file);

    List<String> expected = DirectExtraction.pdfPages(file);
    assertThat(result.at("/document/mediaType").asText()).isEqualTo("application/pdf");
    assertThat(result.at("/document/pageCount").asInt()).isEqualTo(expected.size());
    assertThat(result.at("/document/sha256").asText()).isEqualTo(sha256(file));
    List<JsonNode> pages = list(result.get("pages"));
    assertThat(pages).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(pages.get(i).get("number").asInt()).isEqualTo(i + 1);
      assertThat(pages.get(i).get("source").asText()).isEqualTo("text-layer");
      assertThat(pages.get(i).get("text").asText())
          .as("page %d of %s", i + 1, name)
          .isEqualTo(expected.get(i));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pydocx__par-known-paragraphs.docx",
        "pydocx__blk-paras-and-tables.docx",
        "pypdf__habibi.html",
        "pypdf__source.odt"
      })
  void other_formats_come_back_as_one_page_as_tika_extracts_them(String name) throws Exception {
    Path file = Corpus.dev(name);
    JsonNode result = submitAndFetch(file);

    assertThat(result.at("/document/pageCount").asInt()).isEqualTo(1);
    List<JsonNode> pages = list(result.get("pages"));
    assertThat(pages).hasSize(1);
    String text = pages.get(0).get("text").asText();
    assertThat(text).isNotBlank().isEqualTo(DirectExtraction.tikaText(file));
  }

  @Test
  void text_and_markdown_renderings_carry_every_page_with_breaks() throws Exception {
    Path file = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    String id = submitAndAwait(file).get("id").asText();
    List<String> pages = DirectExtraction.pdfPages(file);

    HttpResponse<String> text = node.http.get("/api/v1/jobs/" + id + "/result?format=text");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(text.body().split("\f")).hasSize(pages.size());
    assertThat(text.body()).startsWith(pages.get(0));

    HttpResponse<String> markdown = node.http.get("/api/v1/jobs/" + id + "/result?format=markdown");
    assertThat(markdown.statusCode()).isEqualTo(200);
    assertThat(markdown.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/markdown");
    for (int page = 1; page <= pages.size(); page++) {
      assertThat(markdown.body()).contains("<!-- page " + page + " -->");
    }
  }

  @Test
  void an_office_document_keeps_its_headings_in_markdown() throws Exception {
    String id = submitAndAwait(Corpus.dev("pydocx__par-known-paragraphs.docx")).get("id").asText();
    HttpResponse<String> markdown = node.http.get("/api/v1/jobs/" + id + "/result?format=markdown");
    assertThat(markdown.statusCode()).isEqualTo(200);
    assertThat(markdown.body()).contains("<!-- page 1 -->").contains("\n# Heading Paragraph\n");
    assertThat(
            json(node.http.get("/api/v1/jobs/" + id + "/result"))
                .at("/pages/0/markdown")
                .isMissingNode())
        .isTrue();
  }

  @Test
  void a_submission_is_accepted_with_location_and_links_and_keeps_the_request_id()
      throws Exception {
    HttpApi.Multipart body = new HttpApi.Multipart();
    body.file("file", "minimal.pdf", Files.readAllBytes(Corpus.dev("pypdf__minimal-document.pdf")));
    HttpResponse<String> accepted =
        node.http.post("/api/v1/jobs", body.contentType(), body.bytes(), "client-req-42");

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.headers().firstValue("X-Request-Id")).hasValue("client-req-42");
    JsonNode created = json(accepted);
    String id = created.get("id").asText();
    // Absolute, on the host the client called: http://127.0.0.1:<port>.
    String job = node.http.base + "/api/v1/jobs/" + id;
    assertThat(accepted.headers().firstValue("Location")).hasValue(job);
    assertThat(created.get("status").asText()).isIn("queued", "running", "succeeded");
    assertThat(created.at("/links/self").asText()).isEqualTo(job);
    assertThat(created.at("/links/result").asText()).isEqualTo(job + "/result");

    JsonNode finished = node.http.awaitFinished(id, JOB_TIMEOUT);
    assertThat(finished.get("status").asText()).isEqualTo("succeeded");
    assertThat(finished.get("requestId").asText()).isEqualTo("client-req-42");
    assertThat(finished.at("/document/fileName").asText()).isEqualTo("minimal.pdf");
    assertThat(finished.at("/document/sizeBytes").asLong())
        .isEqualTo(Files.size(Corpus.dev("pypdf__minimal-document.pdf")));
    assertThat(finished.get("createdAt").asText()).isNotEmpty();
    assertThat(finished.get("startedAt").asText()).isNotEmpty();
    assertThat(finished.get("finishedAt").asText()).isNotEmpty();
    assertThat(finished.get("error").isNull()).isTrue();
  }

  @Test
  void an_encrypted_pdf_fails_with_a_document_encrypted_code() throws Exception {
    JsonNode job = submitAndAwait(Corpus.dev("pypdf__libreoffice-writer-password.pdf"));
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.at("/error/code").asText()).isEqualTo("DOCUMENT_ENCRYPTED");

    HttpResponse<String> result =
        node.http.get("/api/v1/jobs/" + job.get("id").asText() + "/result");
    HttpApi.problem(result, 409, "JOB_FAILED");
  }

  @Test
  void jobs_are_listed_newest_first_a_page_at_a_time() throws Exception {
    List<String> submitted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      submitted.add(submitAndAwait(Corpus.dev("pypdf__minimal-document.pdf")).get("id").asText());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      HttpResponse<String> page =
          node.http.get("/api/v1/jobs?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.statusCode()).isEqualTo(200);
      JsonNode body = json(page);
      assertThat(body.get("items").size()).isLessThanOrEqualTo(2);
      body.get("items").forEach(item -> seen.add(item.get("id").asText()));
      cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
    } while (cursor != null);

    assertThat(seen).doesNotHaveDuplicates();
    List<String> newestFirst = new ArrayList<>(submitted);
    java.util.Collections.reverse(newestFirst);
    assertThat(seen).containsSubsequence(newestFirst);
  }

  @Test
  void health_readiness_and_metrics_describe_the_node() throws Exception {
    assertThat(node.http.get("/api/v1/health").statusCode()).isEqualTo(200);

    HttpResponse<String> ready = node.http.get("/api/v1/ready");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    JsonNode components = json(ready).get("components");
    for (String component : List.of("database", "grid", "blobStore", "computeNodes")) {
      assertThat(components.at("/" + component + "/up").asBoolean()).as(component).isTrue();
    }

    submitAndAwait(Corpus.dev("pypdf__minimal-document.pdf"));
    String metrics = node.http.get("/api/v1/metrics").body();
    assertThat(metrics)
        .contains("docgrid_jobs_submitted_total")
        .contains("docgrid_jobs_finished_total{outcome=\"succeeded\"")
        .contains("docgrid_job_duration_seconds_bucket")
        .contains("docgrid_jobs{status=\"queued\",}")
        .contains(
            "docgrid_http_requests_total{route=\"/api/v1/jobs/{id}\",method=\"GET\",status=\"200\",}")
        .contains("docgrid_http_request_duration_seconds_bucket")
        .contains("jvm_memory_bytes_used");
  }

  @Test
  void the_openapi_description_covers_every_registered_route() throws Exception {
    HttpResponse<String> spec = node.http.get("/api/v1/openapi.json");
    assertThat(spec.statusCode()).isEqualTo(200);
    JsonNode paths = json(spec).get("paths");
    assertThat(json(spec).at("/info/title").asText()).isEqualTo("DocGrid API");
    for (String route : node.routes()) {
      String method = route.substring(0, route.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
      String path = route.substring(route.indexOf(' ') + 1);
      if (path.equals("/api/v1/openapi.json") || path.equals("/api/v1/docs")) {
        continue; // the description does not describe itself
      }
      assertThat(paths.has(path)).as("path %s in the OpenAPI description", path).isTrue();
      assertThat(paths.get(path).has(method)).as("%s in the OpenAPI description", route).isTrue();
    }
    HttpResponse<String> docs = node.http.get("/api/v1/docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("swagger-ui");
    assertThat(node.http.get("/webjars/swagger-ui/5.17.14/swagger-ui-bundle.js").statusCode())
        .isEqualTo(200);
  }

  @Test
  void the_description_offers_both_credentials_and_says_which_operations_need_one()
      throws Exception {
    JsonNode spec = json(node.http.get("/api/v1/openapi.json"));
    assertThat(spec.at("/components/securitySchemes/bearerAuth/scheme").asText())
        .isEqualTo("bearer");
    assertThat(spec.at("/components/securitySchemes/apiKeyHeader/name").asText())
        .isEqualTo("X-API-Key");
    assertThat(spec.at("/paths/~1api~1v1~1health/get/security").isEmpty()).isTrue();
    JsonNode createKey = spec.at("/paths/~1api~1v1~1keys/post");
    assertThat(createKey.at("/security/0").has("bearerAuth")).isTrue();
    assertThat(createKey.at("/security/1").has("apiKeyHeader")).isTrue();
    assertThat(createKey.at("/x-docgrid-scope").asText()).isEqualTo("admin");
    assertThat(createKey.at("/responses").fieldNames()).toIterable().contains("401", "403", "429");
    assertThat(
            spec.at("/paths/~1api~1v1~1jobs~1{id}/get/responses/404/content")
                .has("application/problem+json"))
        .isTrue();
  }

  @Test
  void a_response_the_description_does_not_declare_fails_the_contract() throws Exception {
    SpecConformance contract = SpecConformance.of(node.http.get("/api/v1/openapi.json").body());
    String path = "/api/v1/jobs/" + UUID.randomUUID();
    HttpResponse<String> missing = node.http.get(path);
    assertThat(missing.statusCode()).isEqualTo(404);
    Map<String, List<String>> headers = missing.headers().map();
    assertThat(contract.report("GET", path, 404, headers, missing.body()).hasErrors()).isFalse();

    assertThat(contract.report("GET", path, 418, headers, missing.body()).getMessages())
        .as("a status the operation does not declare")
        .anySatisfy(message -> assertThat(message.getKey()).contains("status.unknown"));
    String wrongType = missing.body().replace("\"status\":404", "\"status\":\"404\"");
    assertThat(contract.report("GET", path, 404, headers, wrongType).getMessages())
        .as("a field of the wrong type")
        .anySatisfy(message -> assertThat(message.getMessage()).contains("status"));
    String noCode = json(missing).<ObjectNode>deepCopy().without("code").toString();
    assertThat(contract.report("GET", path, 404, headers, noCode).getMessages())
        .as("a required field left out")
        .anySatisfy(message -> assertThat(message.getMessage()).contains("code"));
    Map<String, List<String>> noRequestId = new HashMap<>(headers);
    noRequestId.keySet().removeIf(name -> name.equalsIgnoreCase("X-Request-Id"));
    assertThat(contract.report("GET", path, 404, noRequestId, missing.body()).hasErrors())
        .as("a required header left out")
        .isTrue();
  }

  @Test
  void every_example_in_the_description_matches_its_own_schema() throws Exception {
    String served = node.http.get("/api/v1/openapi.json").body();
    SpecConformance contract = SpecConformance.of(served);
    Map<String, List<String>> headers =
        Map.of("Content-Type", List.of("application/json"), "X-Request-Id", List.of("example"));
    List<String> checked = new ArrayList<>();
    for (var path : fields(json(served).path("paths"))) {
      String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
      for (var operation : fields(path.getValue())) {
        for (var response : fields(operation.getValue().path("responses"))) {
          JsonNode example = response.getValue().at("/content/application~1json/example");
          if (example.isMissingNode()) {
            continue;
          }
          int status = Integer.parseInt(response.getKey());
          String answer = operation.getKey() + " " + path.getKey() + " " + status;
          assertThat(
                  contract
                      .report(operation.getKey(), concrete, status, headers, example.toString())
                      .getMessages())
              .as("the example of %s", answer)
              .isEmpty();
          checked.add(answer);
        }
      }
    }
    assertThat(checked).contains("post /api/v1/jobs 202", "get /api/v1/jobs/{id} 200");
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
    return object::fields;
  }

  JsonNode submitAndAwait(Path file) throws Exception {
    HttpResponse<String> accepted =
        node.http.submit(file.getFileName().toString(), Files.readAllBytes(file), null);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return node.http.awaitFinished(json(accepted).get("id").asText(), JOB_TIMEOUT);
  }

  private JsonNode submitAndFetch(Path file) throws Exception {
    JsonNode job = submitAndAwait(file);
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
    HttpResponse<String> result =
        node.http.get("/api/v1/jobs/" + job.get("id").asText() + "/result");
    assertThat(result.statusCode()).isEqualTo(200);
    return json(result);
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
