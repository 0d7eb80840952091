package io.docgrid.ops.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.CharacterErrorRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staging test: the node image (ops/docker/Dockerfile, around the jar the reactor built) on a
 * base made here from Debian's packages, deployed as a cluster of containers: `serve` and two
 * `worker`s on PostgreSQL and a shared blob directory. A batch of born-digital and scanned
 * documents goes through while a worker is killed and restarted; a scan is read with PaddleOCR;
 * then `serve` is stopped with a job in flight, drains it, and comes back. Needs a container
 * engine: it starts {@code dockerd} when none runs (as root), and fails when there is none, unless
 * run with {@code -Ddocgrid.containers.skip=true}.
 */
class ContainerClusterIT {

  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
  private static final Path JAR = REPOSITORY.resolve("node/target/docgrid.jar");
  private static final Path CORPUS =
      Path.of(System.getProperty("docgrid.corpus.dir", REPOSITORY + "/../shared/corpus"));
  private static final String IMAGE = "docgrid-node:staging-test";
  private static final Duration JOBS = Duration.ofMinutes(4);

  /** A corpus document and its pages: born-digital PDFs, image-only PDFs and scans. */
  private record Sample(String file, int pages) {}

  private static final List<Sample> BATCH =
      List.of(
          new Sample("ocr-dev/real__phototest.tif", 1),
          new Sample("dev/pypdf__pdflatex-4-pages.pdf", 4),
          new Sample("ocr-dev/render__pdfbox-cweb_p3_clean.png", 1),
          new Sample("dev/pdfbox__survey.pdf", 9),
          new Sample("ocr-dev/real__8071_093.3B.tif", 1),
          new Sample("dev/pypdf__multicolumn.pdf", 3),
          new Sample("dev/pypdf__imagemagick-images.pdf", 6),
          new Sample("ocr-dev/render__pdfbox-cweb_p10_degraded.jpg", 1),
          new Sample("dev/pypdf__minimal-document.pdf", 1),
          new Sample("dev/pdfbox__PDFBOX-3110-poems-beads.pdf", 2));

  private static Docker docker;
  private static String revision;

  @BeforeAll
  static void buildTheImage(@TempDir Path work) throws Exception {
    assertThat(JAR)
        .as("the node's fat jar: ./mvnw verify packages node before the ops tests run")
        .isRegularFile();
    docker = Docker.onThisMachine(REPOSITORY.resolve("ops/target/dockerd.log"));
    String base = LocalBaseImage.ensure(docker, work);
    revision = commit();
    docker.run(
        "build",
        "--quiet",
        "--network",
        "host",
        "--file",
        REPOSITORY.resolve("ops/docker/Dockerfile").toString(),
        "--build-arg",
        "BASE_IMAGE=" + base,
        "--build-arg",
        "VERSION=staging-test",
        "--build-arg",
        "REVISION=" + revision,
        "--tag",
        IMAGE,
        REPOSITORY.toString());
  }

  /** The commit the image is built from, as its revision label records it. */
  private static String commit() throws InterruptedException {
    try {
      Docker.Result head =
          Docker.execute(List.of("git", "-C", REPOSITORY.toString(), "rev-parse", "HEAD"));
      return head.exitCode() == 0 ? head.output().trim() : "unknown";
    } catch (IOException noGit) {
      return "unknown";
    }
  }

  @AfterAll
  static void stopTheDaemonIfStartedHere() throws Exception {
    if (docker != null) {
      docker.close();
    }
  }

  /**
   * PaddleOCR runs in a worker's extraction child, where /tmp is a noexec tmpfs: ONNX Runtime's
   * native libraries load from the data directory.
   */
  private static void aScanReadsWithPaddleOcr(NodeApi api, StagingCluster cluster)
      throws Exception {
    Path scan = CORPUS.resolve("ocr-dev/real__phototest.tif");
    String id =
        api.submit(
            "paddle.tif", Files.readAllBytes(scan), "{\"ocr\":\"force\",\"ocrEngine\":\"paddle\"}");
    JsonNode job = api.awaitFinished(id, JOBS);
    assertThat(job.get("status").asText()).as(job + cluster.tails()).isEqualTo("succeeded");
    JsonNode result = api.getJson("/api/v1/jobs/" + id + "/result");
    JsonNode page = result.at("/pages/0");
    assertThat(page.get("source").asText()).as(page + cluster.tails()).isEqualTo("ocr");
    assertThat(result.at("/manifest/options/ocrEngine").asText()).isEqualTo("paddle");
    assertThat(result.at("/manifest/versions/onnxruntime").asText())
        .as("ONNX Runtime's version, read on the worker")
        .matches("\\d+\\.\\d+\\.\\d+");
    assertThat(page.at("/timingsMillis/binarize").isMissingNode())
        .as("Sauvola runs for Tesseract only: PaddleOCR read the page")
        .isTrue();
    String truth = Files.readString(CORPUS.resolve("ocr-dev/real__phototest.gt.txt"));
    assertThat(CharacterErrorRate.of(truth, page.get("text").asText()))
        .as(page.get("text").asText())
        .isLessThan(0.02);
  }

  @Test
  void every_job_succeeds_once_through_a_killed_worker_and_a_serve_that_drains_and_restarts(
      @TempDir Path temp) throws Exception {
    assertThat(docker.run("image", "inspect", "--format", "{{.Config.User}}", IMAGE))
        .isEqualTo("10001:10001");
    assertThat(
            docker.run(
                "image",
                "inspect",
                "--format",
                "{{index .Config.Labels \"org.opencontainers.image.revision\"}}",
                IMAGE))
        .isEqualTo(revision);

    try (TestSchema database = new TestSchema();
        StagingCluster cluster = StagingCluster.start(docker, IMAGE, database, temp)) {
      NodeContainer serve = cluster.serve;
      assertThat(serve.exec("id", "-u")).isEqualTo("10001");
      assertThat(docker.attempt("exec", serve.name, "touch", "/opt/docgrid/written").exitCode())
          .as("the root filesystem is read-only")
          .isNotZero();
      double heap = cluster.workerStatus.get(0).metric("jvm_memory_bytes_max", "area=\"heap\"");
      assertThat(heap / (Double.parseDouble(StagingCluster.WORKER_MEMORY_MIB) * 1024 * 1024))
          .as("the heap follows the container's memory limit (MaxRAMPercentage=25)")
          .isBetween(0.2, 0.26);

      NodeApi api = cluster.api.withKey(serve.exec("cat", NodeContainer.DATA_DIR + "/admin.key"));
      List<String> ids = new ArrayList<>();
      for (Sample sample : BATCH) {
        Path file = CORPUS.resolve(sample.file());
        ids.add(api.submit(file.getFileName().toString(), Files.readAllBytes(file)));
      }

      NodeContainer doomed = cluster.workers.get(0);
      NodeApi doomedStatus = cluster.workerStatus.get(0);
      Await.until(
          "the first worker runs grid jobs",
          JOBS,
          () ->
              doomedStatus.metric("docgrid_grid_jobs_running", "")
                      + doomedStatus.metric("docgrid_grid_jobs_waiting", "")
                  > 0,
          cluster::tails);
      doomed.kill();
      assertThat(api.metric("docgrid_jobs_finished_total", "outcome=\"succeeded\""))
          .as("jobs finished when the worker was killed")
          .isLessThan(BATCH.size());
      doomed.restart();

      for (int i = 0; i < BATCH.size(); i++) {
        JsonNode job = api.awaitFinished(ids.get(i), JOBS);
        assertThat(job.get("status").asText()).as(job + cluster.tails()).isEqualTo("succeeded");
        JsonNode result = api.getJson("/api/v1/jobs/" + ids.get(i) + "/result");
        assertThat(result.get("pages"))
            .as(BATCH.get(i).file())
            .extracting(page -> page.get("number").asInt())
            .containsExactlyElementsOf(
                IntStream.rangeClosed(1, BATCH.get(i).pages()).boxed().toList());
      }
      assertThat(api.getJson("/api/v1/jobs/" + ids.get(0) + "/result").at("/pages/0/text").asText())
          .contains("quick brown dog");
      assertThat(api.metric("docgrid_jobs_finished_total", "outcome=\"succeeded\""))
          .as("each job finished exactly once")
          .isEqualTo(BATCH.size());
      assertThat(api.metric("docgrid_jobs_finished_total", "outcome=\"failed\"")).isZero();

      cluster.awaitReady(); // the killed worker is back
      Await.until(
          "the node containers report healthy",
          Duration.ofMinutes(1),
          () -> {
            for (NodeContainer node : cluster.all()) {
              if (!node.inspect("{{.State.Health.Status}}").equals("healthy")) {
                return false;
              }
            }
            return true;
          },
          cluster::tails);

      aScanReadsWithPaddleOcr(api, cluster);

      // Four pages, each OCRed on its own: long enough to be caught running, short enough to
      // finish within the grace period.
      String inFlight =
          api.submit(
              "in-flight.pdf",
              Files.readAllBytes(CORPUS.resolve("dev/pypdf__pdflatex-4-pages.pdf")),
              "{\"ocr\":\"force\",\"dpi\":150}");
      Await.until(
          "the last job runs",
          JOBS,
          () -> {
            String status = api.getJson("/api/v1/jobs/" + inFlight).get("status").asText();
            assertThat(status).as("the last job's state").isIn("queued", "running");
            return status.equals("running");
          },
          cluster::tails);
      Instant stopping = Instant.now();
      serve.stop();
      Duration stopped = Duration.between(stopping, Instant.now());
      assertThat(stopped)
          .as("serve drains within its grace period" + serve.tail())
          .isLessThan(StagingCluster.SHUTDOWN_GRACE);
      assertThat(serve.inspect("{{.State.ExitCode}} {{.State.OOMKilled}}"))
          .as("ended by its SIGTERM handler, not killed" + serve.tail())
          .isEqualTo("143 false");
      assertThat(serve.logs())
          .contains(
              "waiting up to " + StagingCluster.SHUTDOWN_GRACE + " for 1 running jobs",
              "\"message\":\"stopped\"")
          .doesNotContain("jobs still running after the grace period");

      serve.restart();
      cluster.awaitReady();
      JsonNode drained = api.awaitFinished(inFlight, JOBS);
      assertThat(drained.get("status").asText()).as(drained.toString()).isEqualTo("succeeded");
      assertThat(Instant.parse(drained.get("finishedAt").asText()))
          .as("the job in flight finished during the drain")
          .isBefore(stopping.plus(stopped));
      assertThat(api.getJson("/api/v1/jobs?limit=100").get("items"))
          .extracting(job -> job.get("status").asText())
          .hasSize(BATCH.size() + 2)
          .containsOnly("succeeded");
    }
  }
}
