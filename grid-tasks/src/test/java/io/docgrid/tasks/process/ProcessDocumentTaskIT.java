package io.docgrid.tasks.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.docgrid.tasks.blob.LocalBlobStore;
import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentFacts;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.extraction.InProcessExtraction;
import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.pipeline.ComponentVersions;
import io.docgrid.tasks.pipeline.PagePipeline;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.LocalGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Two real Ignite nodes in this JVM: one without the compute role submits, the other runs the job.
 * Proves the task runs on the grid (not the caller), reports its start, carries the job's ids into
 * its logs, and brings document errors back as our own exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessDocumentTaskIT {

  private static final long MB = 1L << 20;

  private Ignite submitter;
  private Ignite worker;
  private LocalBlobStore blobs;
  private InProcessExtraction extraction;
  private final List<JobStarted> started = new CopyOnWriteArrayList<>();
  private final StoredParts parts = new StoredParts();

  @BeforeAll
  void startCluster(@TempDir Path blobRoot) throws Exception {
    LocalGrid grid = LocalGrid.onFreePorts(blobRoot);
    submitter = Ignition.start(node(grid, "grid-submitter", false));
    worker = Ignition.start(node(grid, "grid-worker", true));
    blobs = new LocalBlobStore(blobRoot);
    TessdataDirectory models = TessdataDirectory.install(blobRoot.resolve("tessdata"));
    extraction =
        new InProcessExtraction(
            PagePipeline.assemble(models, new CpuPreprocessor()),
            Duration.ofMinutes(5),
            Duration.ofMinutes(2));
    new WorkerContext(blobs, extraction, ComponentVersions.of(models)).installOn(worker);
    JobStarted.topic(submitter.message()).subscribe(started::add);
  }

  @AfterAll
  void stopCluster() {
    if (worker != null) {
      worker.close();
    }
    if (submitter != null) {
      submitter.close();
    }
    if (extraction != null) {
      extraction.close();
    }
  }

  @Test
  void the_job_runs_on_a_compute_node_and_logs_with_the_jobs_ids() throws Exception {
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    String sha = store(pdf);
    UUID jobId = UUID.randomUUID();

    ListAppender<ILoggingEvent> logs = captureJobLogs();
    StoredDocument processed =
        (StoredDocument)
            submitter
                .compute(NodeRoles.computeNodes(submitter))
                .execute(
                    new ProcessDocumentTask(PagePlan.WHOLE_DOCUMENT, parts),
                    new ProcessDocumentRequest(
                        jobId,
                        sha,
                        "application/pdf",
                        ProcessingOptions.DEFAULTS,
                        "req-7",
                        submitter.cluster().localNode().id(),
                        "key:tenant-7"));

    assertThat(processed.nodeIds()).containsExactly(worker.cluster().localNode().id().toString());
    assertThat(processed.versions()).containsKeys("pdfbox", "tika", "tesseract", "model.eng");
    assertThat(processed.pageCount()).isEqualTo(4);
    assertThat(processed.pages()).isEqualTo(4);
    assertThat(processed.parts()).isEqualTo(1);
    assertThat(parts.pages(jobId, 1)).extracting(PageText::number).containsExactly(1, 2, 3, 4);
    assertThat(NodeRoles.computeNodes(submitter).nodes())
        .singleElement()
        .satisfies(node -> assertThat(node.id()).isEqualTo(worker.cluster().localNode().id()));
    assertThat(logs.list)
        .anySatisfy(
            event -> {
              Map<String, String> mdc = event.getMDCPropertyMap();
              assertThat(mdc).containsEntry("jobId", jobId.toString());
              assertThat(mdc).containsEntry("requestId", "req-7");
              assertThat(event.getThreadName()).contains("worker");
            });
  }

  @Test
  void a_job_still_running_a_moment_after_it_started_announces_its_start() throws Exception {
    String sha = store(Corpus.dev("pypdf__pdflatex-4-pages.pdf"));
    UUID jobId = UUID.randomUUID();
    // OCR of a page takes far longer than the moment a short job's start goes unannounced.
    ProcessingOptions ocr =
        new ProcessingOptions(
            ProcessingOptions.OcrMode.FORCE,
            List.of("eng"),
            PageSelection.parse("1"),
            150,
            ProcessingOptions.Preprocess.DEFAULTS,
            null);

    submitter
        .compute(NodeRoles.computeNodes(submitter))
        .execute(
            new ProcessDocumentTask(PagePlan.WHOLE_DOCUMENT, parts),
            new ProcessDocumentRequest(
                jobId,
                sha,
                "application/pdf",
                ocr,
                "req-9",
                submitter.cluster().localNode().id(),
                null));

    awaitStarted(jobId);
    assertThat(started)
        .filteredOn(event -> event.jobId().equals(jobId))
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.nodeId()).isEqualTo(worker.cluster().localNode().id().toString()));
  }

  @Test
  void a_document_error_comes_back_as_our_exception_with_its_code() throws Exception {
    String sha = store(Corpus.dev("pypdf__libreoffice-writer-password.pdf"));
    var request =
        new ProcessDocumentRequest(
            UUID.randomUUID(),
            sha,
            "application/pdf",
            ProcessingOptions.DEFAULTS,
            "req-8",
            submitter.cluster().localNode().id(),
            null);

    assertThatThrownBy(
            () ->
                submitter
                    .compute(NodeRoles.computeNodes(submitter))
                    .execute(new ProcessDocumentTask(PagePlan.WHOLE_DOCUMENT, parts), request))
        .isInstanceOf(IgniteException.class)
        .satisfies(
            failure -> {
              DocumentProcessingException cause = findCause(failure);
              assertThat(cause.code()).isEqualTo(DocumentErrorCode.DOCUMENT_ENCRYPTED);
            });
  }

  @Test
  void a_long_pdf_is_split_into_page_ranges_each_stored_as_a_part_in_page_order() throws Exception {
    String sha = store(Corpus.dev("pdfbox__cweb.pdf"));
    PagePlan plan = new PagePlanner(5).plan(28, PageSelection.ALL, 2000);
    assertThat(plan.ranges()).hasSize(6);
    UUID splitJob = UUID.randomUUID();
    UUID wholeJob = UUID.randomUUID();

    StoredDocument split =
        (StoredDocument) run(new ProcessDocumentTask(plan, parts), sha, splitJob);
    StoredDocument whole =
        (StoredDocument)
            run(new ProcessDocumentTask(PagePlan.WHOLE_DOCUMENT, parts), sha, wholeJob);

    assertThat(split.parts()).isEqualTo(6);
    assertThat(split.pages()).isEqualTo(28);
    assertThat(split.facts()).isEqualTo(whole.facts());
    List<PageText> splitPages = parts.pages(splitJob, 6);
    assertThat(splitPages)
        .extracting(PageText::number)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 28).boxed().toList());
    assertThat(splitPages)
        .extracting(PageText::text)
        .containsExactlyElementsOf(parts.pages(wholeJob, 1).stream().map(PageText::text).toList());
  }

  @Test
  void a_first_look_reads_a_short_pdf_at_once_and_only_counts_a_long_one() throws Exception {
    PagePlanner planner = new PagePlanner(5);

    TaskOutcome shortOne =
        run(
            new ProcessDocumentTask(planner.firstLook(2000), parts),
            store(Corpus.dev("pypdf__pdflatex-4-pages.pdf")));
    TaskOutcome longOne =
        run(
            new ProcessDocumentTask(planner.firstLook(2000), parts),
            store(Corpus.dev("pdfbox__cweb.pdf")));

    assertThat(shortOne)
        .isInstanceOfSatisfying(
            StoredDocument.class,
            processed -> {
              assertThat(processed.parts()).isEqualTo(1);
              assertThat(processed.facts())
                  .isEqualTo(new DocumentFacts("application/pdf", 4, 4, false));
            });
    assertThat(longOne)
        .isInstanceOfSatisfying(
            CountedDocument.class,
            counted -> {
              assertThat(counted.facts())
                  .isEqualTo(new DocumentFacts("application/pdf", 28, 28, false));
              assertThat(counted.nodeIds())
                  .containsExactly(worker.cluster().localNode().id().toString());
            });
  }

  @Test
  void a_first_look_refuses_a_document_longer_than_the_callers_limit() throws Exception {
    String sha = store(Corpus.dev("pdfbox__cweb.pdf"));

    assertThatThrownBy(
            () -> run(new ProcessDocumentTask(new PagePlanner(5).firstLook(10), parts), sha))
        .satisfies(
            failure -> {
              DocumentProcessingException cause = findCause(failure);
              assertThat(cause.code()).isEqualTo(DocumentErrorCode.TOO_MANY_PAGES);
              assertThat(cause.getMessage()).contains("28 pages", "at most 10");
            });
  }

  @Test
  void the_planner_keeps_only_selected_pages_and_short_selections_whole() {
    PagePlanner planner = new PagePlanner(5);

    PagePlan selected = planner.plan(28, PageSelection.parse("1-3,10-16,28"), 2000);
    assertThat(selected.ranges())
        .extracting(Object::toString)
        .containsExactly("1-3", "10-14", "15-16", "28");
    assertThat(selected.documentPages()).isEqualTo(28);
    assertThat(selected.mayOnlyCount()).isFalse();

    PagePlan small = planner.plan(4, PageSelection.ALL, 2000);
    assertThat(small.ranges()).isEmpty();
    assertThat(planner.plan(28, PageSelection.parse("2-6"), 2000).ranges()).isEmpty();
    assertThat(planner.firstLook(2000).mayOnlyCount()).isTrue();
  }

  private TaskOutcome run(ProcessDocumentTask task, String sha) {
    return run(task, sha, UUID.randomUUID());
  }

  private TaskOutcome run(ProcessDocumentTask task, String sha, UUID jobId) {
    return submitter
        .compute(NodeRoles.computeNodes(submitter))
        .execute(
            task,
            new ProcessDocumentRequest(
                jobId,
                sha,
                "application/pdf",
                ProcessingOptions.DEFAULTS,
                "req-split",
                submitter.cluster().localNode().id(),
                null));
  }

  @Test
  void an_api_only_node_is_not_a_compute_node() {
    assertThat(NodeRoles.computeNodes(worker).nodes())
        .noneSatisfy(node -> assertThat(node.id()).isEqualTo(submitter.cluster().localNode().id()));
  }

  private static DocumentProcessingException findCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DocumentProcessingException document) {
        return document;
      }
    }
    throw new AssertionError("no DocumentProcessingException in " + failure);
  }

  private void awaitStarted(UUID jobId) throws Exception {
    Eventually.await(
        "job " + jobId + " reported started",
        Duration.ofSeconds(5),
        () -> started.stream().anyMatch(e -> e.jobId().equals(jobId)));
  }

  private static ListAppender<ILoggingEvent> captureJobLogs() {
    Logger logger = (Logger) LoggerFactory.getLogger(ProcessDocumentJob.class);
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    return appender;
  }

  private String store(Path file) throws Exception {
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    Path copy = blobs.createTemporaryFile();
    Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    blobs.putDocument(sha, copy);
    return sha;
  }

  private static IgniteConfiguration node(LocalGrid grid, String name, boolean compute) {
    return grid.node(name).setUserAttributes(Map.of(GridNames.COMPUTE_ROLE_ATTRIBUTE, compute));
  }
}
