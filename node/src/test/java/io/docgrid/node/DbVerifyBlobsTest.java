package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docgrid db verify-blobs} on the embedded database: the jobs whose document or result the
 * blob store lost or holds other bytes for are listed, and their results are never served.
 */
class DbVerifyBlobsTest {

  @Test
  void jobs_whose_blobs_are_missing_or_changed_are_listed_and_their_results_not_served(
      @TempDir Path temp) throws Exception {
    Path data = temp.resolve("data");
    Path blobs = data.resolve("blobs");
    String dataDir = data.toString();
    List<JsonNode> jobs = new ArrayList<>();
    try (TestNode node = TestNodeConfig.in(data).compute(true).start()) {
      for (int i = 0; i < 5; i++) {
        String id =
            json(node.http.submit("n" + i + ".txt", bytes("Note number " + i), null))
                .get("id")
                .asText();
        jobs.add(node.http.awaitFinished(id, Duration.ofMinutes(2)));
      }
      // A purged job's blobs are deleted on purpose: not a problem.
      String purged = json(node.http.submit("gone.txt", bytes("Purged"), null)).get("id").asText();
      node.http.awaitFinished(purged, Duration.ofMinutes(2));
      assertThat(node.http.delete("/api/v1/jobs/" + purged).statusCode()).isEqualTo(200);
    }

    CommandRun clean = CommandRun.of(Map.of(), "db", "verify-blobs", "--data-dir", dataDir);
    assertThat(clean.exitCode()).as(clean.err()).isZero();
    assertThat(clean.out()).contains("All blobs of 5 jobs match.");

    Path results = blobs.resolve("results");
    String intact = id(jobs.get(0));
    String lostResult = id(jobs.get(1));
    String swappedResult = id(jobs.get(2));
    String lostDocument = id(jobs.get(3));
    String changedDocument = id(jobs.get(4));
    Files.delete(results.resolve(lostResult + ".json"));
    // Another job's result, valid JSON, under this job's name: it must not be served.
    Files.copy(
        results.resolve(intact + ".json"),
        results.resolve(swappedResult + ".json"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.delete(document(blobs, jobs.get(3)));
    Files.writeString(document(blobs, jobs.get(4)), "other bytes");

    CommandRun table = CommandRun.of(Map.of(), "db", "verify-blobs", "--data-dir", dataDir);
    assertThat(table.exitCode()).as(table.err()).isEqualTo(DbVerifyBlobsCommand.MISMATCH_EXIT_CODE);
    assertThat(table.out())
        .contains("JOB", "PROBLEM", lostResult, swappedResult, lostDocument, changedDocument)
        .doesNotContain(intact)
        .contains("4 of 5 jobs have blobs that do not match.");

    CommandRun asJson =
        CommandRun.of(Map.of(), "db", "verify-blobs", "--data-dir", dataDir, "--json");
    assertThat(asJson.exitCode()).isEqualTo(DbVerifyBlobsCommand.MISMATCH_EXIT_CODE);
    JsonNode report = HttpApi.JSON.readTree(asJson.out());
    assertThat(report.get("jobsChecked").asLong()).isEqualTo(5);
    assertThat(problems(report))
        .containsExactlyInAnyOrder(
            lostResult + " result missing",
            swappedResult + " result mismatch",
            lostDocument + " document missing",
            changedDocument + " document mismatch");

    try (TestNode node = TestNodeConfig.in(data).compute(true).start()) {
      assertThat(node.http.get("/api/v1/jobs/" + intact + "/result").body())
          .contains("Note number 0");
      problem(node.http.get("/api/v1/jobs/" + lostResult + "/result"), 410, "RESULT_MISSING");
      JsonNode swapped =
          problem(
              node.http.get("/api/v1/jobs/" + swappedResult + "/result"), 410, "RESULT_MISSING");
      assertThat(swapped.get("detail").asText()).contains("not the one the job stored");
      // The result is kept with the job: a lost document does not stop it from being served.
      assertThat(node.http.get("/api/v1/jobs/" + lostDocument + "/result").statusCode())
          .isEqualTo(200);
    }
  }

  private static Set<String> problems(JsonNode report) {
    List<String> found = new ArrayList<>();
    report
        .get("problems")
        .forEach(
            problem ->
                found.add(
                    problem.get("jobId").asText()
                        + " "
                        + problem.get("blob").asText()
                        + " "
                        + problem.get("problem").asText()));
    return found.stream().collect(Collectors.toSet());
  }

  private static Path document(Path blobs, JsonNode job) {
    String sha256 = job.at("/document/sha256").asText();
    return blobs
        .resolve("documents")
        .resolve(sha256.substring(0, 2))
        .resolve(sha256.substring(2, 4))
        .resolve(sha256);
  }

  private static String id(JsonNode job) {
    return job.get("id").asText();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
