package io.docgrid.api.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.api.auth.Tier;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.tasks.process.ExtractionProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.compute.ComputeJobFailoverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the runner ends jobs, on H2 and real in-JVM grid nodes. */
class JobRunnerTest {

  @Test
  void a_readable_document_succeeds_with_its_pages_and_a_stored_result(@TempDir Path work)
      throws Exception {
    try (EngineHarness engine = EngineHarness.start(work)) {
      JobIntake.Stored stored =
          engine.store("Hello from the runner.", EngineHarness.caller(Tier.FREE));

      Job done = engine.runToEnd(stored);

      assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(done.pages().done()).isEqualTo(1);
      assertThat(done.cacheHit()).isFalse();
      assertThat(engine.storedResult(done.id()))
          .hasValueSatisfying(json -> assertThat(json).contains("Hello from the runner."));
      assertThat(engine.blobs.openResultPart(done.id(), 0)).as("parts deleted once used").isEmpty();
      assertThat(engine.leaseRepository.holds(done.id(), engine.leases.holder())).isFalse();
    }
  }

  @Test
  void a_corrupt_document_fails_with_its_document_error(@TempDir Path work) throws Exception {
    try (EngineHarness engine = EngineHarness.start(work)) {
      byte[] notReallyPdf = "%PDF-1.7\nnot a pdf at all".getBytes(StandardCharsets.US_ASCII);
      JobIntake.Stored stored =
          engine.store(notReallyPdf, "application/pdf", EngineHarness.caller(Tier.FREE));

      Job done = engine.runToEnd(stored);

      assertThat(done.status()).isEqualTo(JobStatus.FAILED);
      assertThat(done.errorCode()).isEqualTo("DOCUMENT_CORRUPT");
      assertThat(engine.storedResult(done.id())).isEmpty();
      assertThat(engine.blobs.openResultPart(done.id(), 0)).as("no part left behind").isEmpty();
    }
  }

  @Test
  void a_job_whose_only_worker_leaves_goes_back_to_the_queue_unleased(@TempDir Path work)
      throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    ExtractionProbe hang =
        request -> {
          running.countDown();
          try {
            new CountDownLatch(1).await(); // until the node stops under it
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // However the stopping node answers, if at all, this job did not finish there.
            throw new ComputeJobFailoverException("the worker stopped");
          }
        };
    try (EngineHarness engine = new EngineHarness(work, TierPolicy.defaults(), false, List.of())) {
      Ignite worker = engine.startComputeNode("worker", List.of(hang));
      JobIntake.Stored stored =
          engine.store("A worker dies here.", EngineHarness.caller(Tier.FREE));
      engine.intake.start(stored);
      assertThat(running.await(EngineHarness.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      worker.close();
      assertThat(engine.dispatcher.awaitInFlight(EngineHarness.WAIT)).isTrue();
      engine.awaitCallbacks();

      Job job = engine.jobs.findById(stored.job().id()).orElseThrow();
      assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(engine.leaseRepository.holds(job.id(), engine.leases.holder())).isFalse();
      assertThat(engine.leases.claimable(10)).contains(job.id());
    }
  }
}
