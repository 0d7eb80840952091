package io.docgrid.tasks.process;

import io.docgrid.tasks.blob.BlobStore.DocumentFile;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import java.io.IOException;
import java.time.Instant;
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

  /** Returns the {@link ExtractedDocument}, encoded for the trip back. */
  @Override
  public byte[] execute() {
    ProcessDocumentRequest request =
        WirePayloads.decode(encodedRequest, ProcessDocumentRequest.class);
    // A node that joined but has not finished wiring has no context yet: let Ignite fail over.
    WorkerContext context =
        WorkerContext.lookup(ignite)
            .orElseThrow(() -> new ComputeJobFailoverException("worker is not ready yet"));
    try (MDC.MDCCloseable job = MDC.putCloseable("jobId", request.jobId().toString());
        MDC.MDCCloseable req = MDC.putCloseable("requestId", request.requestId())) {
      announceStart(request);
      long started = System.nanoTime();
      try (DocumentFile document = context.blobStore().openDocument(request.documentSha256())) {
        ExtractedDocument result =
            context.extractor().extract(document.path(), request.mediaType());
        log.info(
            "extracted {} pages of {} in {} ms",
            result.pageCount(),
            request.mediaType(),
            (System.nanoTime() - started) / 1_000_000);
        return WirePayloads.encode(result);
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
    var origin = ignite.cluster().forNodeId(request.originNodeId());
    if (origin.nodes().isEmpty()) {
      return; // the submitter left; recovery on its side will find the job again
    }
    ignite
        .message(origin)
        .send(JobStarted.TOPIC, new JobStarted(request.jobId(), nodeId, Instant.now()).encode());
  }
}
