package io.docgrid.tasks.process;

import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.ProcessingOptions;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * What a grid node needs to process one document: the job, where its bytes are, how much of it to
 * take on, and who to tell when work starts. Small by design: the bytes travel through the blob
 * store, not the task.
 *
 * @param mediaType the type as known so far: from magic bytes at first, refined once counted
 * @param reportsProgress whether the pages it finishes are reported as they finish: it is one range
 *     of a document split across jobs, whose progress a client may follow
 * @param tenant the job's owner, for the log lines of the nodes that work on it; null from nodes of
 *     wire version 2 and before, which did not send it
 */
public record ProcessDocumentRequest(
    UUID jobId,
    String documentSha256,
    String mediaType,
    ProcessingOptions options,
    ExtractionScope scope,
    String requestId,
    UUID originNodeId,
    boolean reportsProgress,
    String tenant)
    implements Serializable {

  /** A request for every selected page, within no limits of ours. */
  public ProcessDocumentRequest(
      UUID jobId,
      String documentSha256,
      String mediaType,
      ProcessingOptions options,
      String requestId,
      UUID originNodeId,
      String tenant) {
    this(
        jobId,
        documentSha256,
        mediaType,
        options,
        ExtractionScope.EVERYTHING,
        requestId,
        originNodeId,
        false,
        tenant);
  }

  public ProcessDocumentRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(documentSha256, "documentSha256");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(originNodeId, "originNodeId");
  }

  /** The same request restricted to {@code range} of the pages, which reports its progress. */
  public ProcessDocumentRequest withPages(PageSelection range) {
    return new ProcessDocumentRequest(
        jobId,
        documentSha256,
        mediaType,
        options.withPages(range),
        scope,
        requestId,
        originNodeId,
        true,
        tenant);
  }

  /** The same request, within {@code otherScope}. */
  public ProcessDocumentRequest within(ExtractionScope otherScope) {
    return new ProcessDocumentRequest(
        jobId,
        documentSha256,
        mediaType,
        options,
        otherScope,
        requestId,
        originNodeId,
        reportsProgress,
        tenant);
  }
}
