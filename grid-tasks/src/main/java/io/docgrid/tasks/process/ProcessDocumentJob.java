package io.docgrid.tasks.process;

import io.docgrid.tasks.blob.BlobStore.DocumentFile;
import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentFacts;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.ExtractionResult;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.grid.GridTopic;
import io.docgrid.tasks.grid.WirePayloads;
import io.docgrid.tasks.pipeline.ComponentVersions;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteMessaging;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Extracts the text of one document on the node it lands on. */
final class ProcessDocumentJob extends ComputeJobAdapter {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(ProcessDocumentJob.class);
  private static final Duration ANNOUNCE_AFTER = Duration.ofMillis(250);

  private final byte[] encodedRequest;
  // Still set where the job was made: a job that runs on its own node is not marshalled.
  private final transient ProcessDocumentRequest request;

  @IgniteInstanceResource private transient Ignite ignite;

  ProcessDocumentJob(ProcessDocumentRequest request) {
    this.request = request;
    this.encodedRequest = WirePayloads.encode(request);
  }

  /** What this job was asked to do; read on the submitting node to report a failed range. */
  ProcessDocumentRequest request() {
    return request != null
        ? request
        : WirePayloads.decode(encodedRequest, ProcessDocumentRequest.class);
  }

  /**
   * Returns the {@link DocumentOutcome}: as it is to a task on this node, which Ignite hands it to
   * without marshalling, and encoded for the trip back to another node.
   */
  @Override
  public Object execute() {
    ProcessDocumentRequest request = request();
    WorkerContext context = WorkerContext.forDocument(ignite, request.documentSha256());
    String nodeId = ignite.cluster().localNode().id().toString();
    Instant startedAt = Instant.now();
    // Announced only when the job is still running a moment later: a short document's start is
    // written with its result, and costs no message.
    Closeable announcement =
        ignite
            .scheduler()
            .runLocal(
                () -> announceStart(request, nodeId, startedAt),
                ANNOUNCE_AFTER.toMillis(),
                TimeUnit.MILLISECONDS);
    try (MDC.MDCCloseable job = MDC.putCloseable("jobId", request.jobId().toString());
        MDC.MDCCloseable req = MDC.putCloseable("requestId", request.requestId());
        // Absent from the requests of API nodes before wire version 3; a null resource is skipped.
        MDC.MDCCloseable tenant =
            request.tenant() == null ? null : MDC.putCloseable("tenant", request.tenant())) {
      log.atInfo()
          .addKeyValue("event", "range.started")
          .log("extracting a {} document", request.mediaType());
      context.probes().forEach(probe -> probe.beforeExtraction(request));
      long started = System.nanoTime();
      try (DocumentFile document = context.blobStore().openDocument(request.documentSha256())) {
        ExtractionResult result =
            context
                .extraction()
                .extract(document.path(), request.mediaType(), request.options(), request.scope());
        List<String> nodeIds = List.of(ignite.cluster().localNode().id().toString());
        if (result instanceof DocumentFacts facts) {
          log.atInfo()
              .addKeyValue("event", "document.counted")
              .log(
                  "counted {} pages of {}: planned in ranges",
                  facts.pageCount(),
                  facts.mediaType());
          return forOrigin(request, new CountedDocument(facts, nodeIds));
        }
        ExtractedDocument extracted = (ExtractedDocument) result;
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        if (request.reportsProgress() || elapsed >= ANNOUNCE_AFTER.toMillis()) {
          report(request, extracted);
        }
        log.atInfo()
            .addKeyValue("event", "range.done")
            .log(
                "extracted {} pages of {} in {} ms",
                extracted.pages().size(),
                extracted.mediaType(),
                elapsed);
        return forOrigin(
            request,
            new ProcessedDocument(
                extracted,
                nodeIds,
                ComponentVersions.PIPELINE_VERSION,
                context.versions(),
                elapsed));
      } catch (OutOfMemoryError e) {
        // One document's parse ran out of heap. Its allocations are garbage once we leave, so
        // the node carries on; left to Ignite, an OutOfMemoryError halts the whole JVM.
        log.warn("document exhausted the heap");
        throw new IgniteException(
            new DocumentProcessingException(
                DocumentErrorCode.DOCUMENT_TOO_COMPLEX,
                "The document needs more memory than a worker has; split it into smaller documents.",
                null));
      } catch (DocumentProcessingException e) {
        log.atInfo()
            .addKeyValue("event", "document.rejected")
            .log("document rejected: {} {}", e.code(), e.getMessage());
        throw new IgniteException(e);
      } catch (IOException e) {
        log.warn("could not read document {}", request.documentSha256(), e);
        throw new IgniteException("could not read the stored document", e);
      } finally {
        stop(announcement);
      }
    }
  }

  private static void stop(Closeable announcement) {
    try {
      announcement.close();
    } catch (IOException ignored) {
      // A timer that cannot be cancelled announces a start that is over: harmless.
    }
  }

  private Object forOrigin(ProcessDocumentRequest request, DocumentOutcome outcome) {
    return request.originNodeId().equals(ignite.cluster().localNode().id())
        ? outcome
        : WirePayloads.encode(outcome);
  }

  private void announceStart(ProcessDocumentRequest request, String nodeId, Instant startedAt) {
    toOrigin(request, JobStarted::topic, new JobStarted(request.jobId(), nodeId, startedAt));
  }

  private void report(ProcessDocumentRequest request, ExtractedDocument result) {
    int ocr =
        (int) result.pages().stream().filter(page -> PageText.OCR.equals(page.source())).count();
    toOrigin(
        request, PagesDone::topic, new PagesDone(request.jobId(), result.pages().size(), 0, ocr));
  }

  private <T> void toOrigin(
      ProcessDocumentRequest request, Function<IgniteMessaging, GridTopic<T>> topic, T message) {
    var origin = ignite.cluster().forNodeId(request.originNodeId());
    if (origin.nodes().isEmpty()) {
      return; // the submitter left; recovery on its side will find the job again
    }
    topic.apply(ignite.message(origin)).publish(message);
  }
}
