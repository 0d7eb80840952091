package io.docgrid.tasks.process;

import io.docgrid.tasks.blob.BlobStore.DocumentFile;
import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.pipeline.ComponentVersions;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobFailoverException;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Extracts the text of one document on the node it lands on. */
final class ProcessDocumentJob extends ComputeJobAdapter {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(ProcessDocumentJob.class);

  private final byte[] encodedRequest;

  @IgniteInstanceResource private transient Ignite ignite;

  ProcessDocumentJob(byte[] encodedRequest) {
    this.encodedRequest = encodedRequest;
  }

  /** What this job was asked to do; read on the submitting node to report a failed range. */
  ProcessDocumentRequest request() {
    return WirePayloads.decode(encodedRequest, ProcessDocumentRequest.class);
  }

  /** Returns the {@link ProcessedDocument}, encoded for the trip back. */
  @Override
  public byte[] execute() {
    ProcessDocumentRequest request = request();
    // A node that joined but has not finished wiring has no context yet: let Ignite fail over.
    WorkerContext context =
        WorkerContext.lookup(ignite)
            .orElseThrow(() -> new ComputeJobFailoverException("worker is not ready yet"));
    if (!context.blobStore().hasDocument(request.documentSha256())) {
      // Another host's upload and no shared store: let Ignite try a node that has the bytes.
      throw new ComputeJobFailoverException("the document is not stored on this node");
    }
    try (MDC.MDCCloseable job = MDC.putCloseable("jobId", request.jobId().toString());
        MDC.MDCCloseable req = MDC.putCloseable("requestId", request.requestId())) {
      announceStart(request);
      context.probes().forEach(probe -> probe.beforeExtraction(request));
      long started = System.nanoTime();
      try (DocumentFile document = context.blobStore().openDocument(request.documentSha256())) {
        ExtractedDocument result =
            context.extraction().extract(document.path(), request.mediaType(), request.options());
        report(request, result);
        log.info(
            "extracted {} pages of {} in {} ms",
            result.pageCount(),
            request.mediaType(),
            (System.nanoTime() - started) / 1_000_000);
        return WirePayloads.encode(
            new ProcessedDocument(
                result,
                List.of(ignite.cluster().localNode().id().toString()),
                ComponentVersions.PIPELINE_VERSION,
                context.versions(),
                (System.nanoTime() - started) / 1_000_000));
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
        log.info("document rejected: {} {}", e.code(), e.getMessage());
        throw new IgniteException(e);
      } catch (IOException e) {
        log.warn("could not read document {}", request.documentSha256(), e);
        throw new IgniteException("could not read the stored document", e);
      }
    }
  }

  private void announceStart(ProcessDocumentRequest request) {
    String nodeId = ignite.cluster().localNode().id().toString();
    tellOrigin(
        request, JobStarted.TOPIC, new JobStarted(request.jobId(), nodeId, Instant.now()).encode());
  }

  private void report(ProcessDocumentRequest request, ExtractedDocument result) {
    int ocr =
        (int) result.pages().stream().filter(page -> PageText.OCR.equals(page.source())).count();
    tellOrigin(
        request,
        PagesDone.TOPIC,
        new PagesDone(request.jobId(), result.pages().size(), 0, ocr).encode());
  }

  private void tellOrigin(ProcessDocumentRequest request, String topic, byte[] message) {
    var origin = ignite.cluster().forNodeId(request.originNodeId());
    if (origin.nodes().isEmpty()) {
      return; // the submitter left; recovery on its side will find the job again
    }
    ignite.message(origin).send(topic, message);
  }
}
