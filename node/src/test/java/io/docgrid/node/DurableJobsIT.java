package io.docgrid.node;

import static io.docgrid.node.GridProcesses.awaitServerNodes;
import static io.docgrid.node.GridProcesses.numberedPdf;
import static io.docgrid.node.GridProcesses.worker;
import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs survive the loss of the processes running them, in separate JVMs on 127.0.0.1: a worker
 * killed with SIGKILL in the middle of forty jobs, `serve` killed with jobs queued and running, and
 * a document that takes down every worker it lands on.
 */
class DurableJobsIT {

  private static final String OCR = "{\"ocr\":\"force\",\"dpi\":150}";

  /** Each test's cluster on grid ports of its own, so that no other cluster on the host joins. */
  private final List<String> jobFlags =
      GridProcesses.gridOnFreePorts("--worker-heap", "256m", "--worker-processes", "1");

  @TempDir Path temp;

  @Test
  void forty_jobs_all_succeed_once_when_a_worker_is_killed_mid_run() throws Exception {
    Path data = temp.resolve("data");
    try (ServeProcess serve =
            ServeProcess.startWithGridDefaults(
                data, temp.resolve("serve.log"), serveFlags("--pages-per-job", "1"));
        DocgridProcess doomed = worker(data, temp.resolve("worker-1.log"), jobFlags);
        DocgridProcess survivor = worker(data, temp.resolve("worker-2.log"), jobFlags)) {
      awaitServerNodes(serve, 3);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ids.add(submit(serve, "job-" + i + ".pdf", numberedPdf(2, "Job " + i + ". "), OCR));
      }

      awaitSucceeded(serve, 3);
      doomed.kill();
      assertThat(count(serve, "succeeded")).as("jobs left when the worker died").isLessThan(40);

      awaitSucceededWithBothPages(serve, ids);
      assertThat(serve.http.jobsFinished("succeeded"))
          .as("each job finished exactly once")
          .isEqualTo(40);
      assertThat(survivor.isAlive()).isTrue();
    }
  }

  @Test
  void jobs_queued_and_running_when_serve_is_killed_all_finish_after_a_restart() throws Exception {
    Path data = temp.resolve("data");
    List<String> ids = new ArrayList<>();
    try (DocgridProcess worker =
        worker(temp.resolve("worker"), temp.resolve("worker.log"), jobFlags)) {
      try (ServeProcess first =
          ServeProcess.startWithGridDefaults(data, temp.resolve("serve-1.log"), serveFlags())) {
        awaitServerNodes(first, 2);
        for (int i = 0; i < 12; i++) {
          ids.add(submit(first, "doc-" + i + ".pdf", numberedPdf(2, "Doc " + i + ". "), OCR));
        }
        first.http.awaitAnyJob("running", Duration.ofMinutes(2), first::tail);
        assertThat(count(first, "queued")).as("jobs still queued at the kill").isPositive();
        first.kill();
      }
      try (ServeProcess second =
          ServeProcess.startWithGridDefaults(data, temp.resolve("serve-2.log"), serveFlags())) {
        awaitSucceededWithBothPages(second, ids);
        JsonNode all = json(second.http.get("/api/v1/jobs?limit=100"));
        assertThat(all.get("items"))
            .extracting(job -> job.get("id").asText())
            .containsExactlyInAnyOrderElementsOf(ids);
      }
    }
  }

  @Test
  void a_document_that_kills_two_workers_is_quarantined_while_other_jobs_finish() throws Exception {
    Path data = temp.resolve("data");
    byte[] poison = numberedPdf(1, "Poison. ");
    String poisonSha = sha256(poison);
    List<String> armed = List.of("-D" + PoisonPill.PROPERTY + "=" + poisonSha);
    try (ServeProcess serve =
            ServeProcess.startWithGridDefaults(
                data, temp.resolve("serve.log"), serveFlags("--no-compute"));
        DocgridProcess one = worker(data, temp.resolve("worker-1.log"), armed, jobFlags);
        DocgridProcess two = worker(data, temp.resolve("worker-2.log"), armed, jobFlags);
        DocgridProcess three = worker(data, temp.resolve("worker-3.log"), armed, jobFlags)) {
      awaitServerNodes(serve, 4);

      String poisonJob = submit(serve, "poison.pdf", poison, null);
      List<String> others = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        others.add(submit(serve, "fine-" + i + ".pdf", numberedPdf(3, "Fine " + i + ". "), null));
      }

      JsonNode failed = serve.http.awaitFinished(poisonJob, Duration.ofMinutes(3));
      assertThat(failed.get("status").asText()).as(failed + serve.tail()).isEqualTo("failed");
      assertThat(failed.at("/error/code").asText()).isEqualTo("POISON_DOCUMENT");
      assertThat(List.of(one.isAlive(), two.isAlive(), three.isAlive()))
          .as("exactly two workers died")
          .containsExactlyInAnyOrder(true, false, false);
      for (String id : others) {
        JsonNode job = serve.http.awaitFinished(id, Duration.ofMinutes(3));
        assertThat(job.get("status").asText()).as(job + serve.tail()).isEqualTo("succeeded");
      }

      JsonNode quarantine = json(serve.http.get("/api/v1/quarantine"));
      assertThat(quarantine.get("documents")).hasSize(1);
      assertThat(quarantine.at("/documents/0/sha256").asText()).isEqualTo(poisonSha);
      assertThat(quarantine.at("/documents/0/jobId").asText()).isEqualTo(poisonJob);
      assertThat(quarantine.at("/documents/0/attempts").asInt()).isEqualTo(2);
      problem(serve.http.submit("again.pdf", poison, null), 422, "POISON_DOCUMENT");

      assertThat(serve.http.delete("/api/v1/quarantine/" + poisonSha).statusCode()).isEqualTo(204);
      problem(serve.http.delete("/api/v1/quarantine/" + poisonSha), 404, "NOT_FOUND");
      assertThat(json(serve.http.get("/api/v1/quarantine")).get("documents")).isEmpty();
      HttpResponse<String> released = serve.http.submit("released.pdf", poison, null);
      assertThat(released.statusCode()).as(released.body()).isEqualTo(202);
    }
  }

  private String[] serveFlags(String... extra) {
    List<String> flags = new ArrayList<>(jobFlags);
    flags.addAll(List.of("--job-lease", "6s"));
    flags.addAll(List.of(extra));
    return flags.toArray(String[]::new);
  }

  private static String submit(ServeProcess serve, String name, byte[] pdf, String options)
      throws Exception {
    HttpResponse<String> accepted = serve.http.submit(name, pdf, options);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json(accepted).get("id").asText();
  }

  private static void awaitSucceeded(ServeProcess serve, int atLeast) throws Exception {
    Eventually.await(
        atLeast + " jobs succeeded",
        Duration.ofMinutes(3),
        () -> count(serve, "succeeded"),
        succeeded -> succeeded >= atLeast,
        serve::tail);
  }

  private static long count(ServeProcess serve, String status) throws Exception {
    JsonNode jobs = json(serve.http.get("/api/v1/jobs?limit=100")).get("items");
    long count = 0;
    for (JsonNode job : jobs) {
      count += job.get("status").asText().equals(status) ? 1 : 0;
    }
    return count;
  }

  /** Waits for every job to succeed, each with its two pages back in order. */
  private static void awaitSucceededWithBothPages(ServeProcess serve, List<String> ids)
      throws Exception {
    for (String id : ids) {
      JsonNode job = serve.http.awaitFinished(id, Duration.ofMinutes(4));
      assertThat(job.get("status").asText()).as(job + serve.tail()).isEqualTo("succeeded");
      JsonNode result = json(serve.http.get("/api/v1/jobs/" + id + "/result"));
      assertThat(result.get("pages"))
          .extracting(page -> page.get("number").asInt())
          .containsExactly(1, 2);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
