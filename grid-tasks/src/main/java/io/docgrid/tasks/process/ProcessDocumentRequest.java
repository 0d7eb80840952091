package io.docgrid.tasks.process;

import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.ProcessingOptions;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * What a grid node needs to process one document: the job, where its bytes are, and who to tell
 * when work starts. Small by design: the bytes travel through the blob store, not the task.
 */
public record ProcessDocumentRequest(
    UUID jobId,
    String documentSha256,
    String mediaType,
    ProcessingOptions options,
    String requestId,
    UUID originNodeId)
    implements Serializable {

  public ProcessDocumentRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(documentSha256, "documentSha256");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(originNodeId, "originNodeId");
  }

  /** The same request restricted to {@code range} of the pages. */
  public ProcessDocumentRequest withPages(PageSelection range) {
    return new ProcessDocumentRequest(
        jobId, documentSha256, mediaType, options.withPages(range), requestId, originNodeId);
  }
}
