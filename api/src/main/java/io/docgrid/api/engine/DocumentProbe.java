package io.docgrid.api.engine;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.tasks.document.DocumentFacts;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ProcessingOptions;

/**
 * A dry run's look at a stored document: its facts from a compute node (the API node parses
 * nothing, ADR 0007), held to the caller's tier as its first look would hold a job, and what
 * processing it would cost.
 */
public final class DocumentProbe {

  /** What a dry run learns: the document's facts, the time it would take, its quota. */
  public record Probed(
      DocumentFacts facts, ProcessingEstimates.Estimate estimate, long pagesPerHour) {}

  private final JobDispatcher dispatcher;
  private final Admission admission;
  private final ProcessingEstimates estimates;

  public DocumentProbe(
      JobDispatcher dispatcher, Admission admission, ProcessingEstimates estimates) {
    this.dispatcher = dispatcher;
    this.admission = admission;
    this.estimates = estimates;
  }

  /** The facts of the stored document {@code sha256}, as {@code caller}'s job would find them. */
  public Probed probe(
      String sha256,
      String mediaType,
      ProcessingOptions options,
      Principal caller,
      String requestId) {
    if (!dispatcher.hasComputeNodes()) {
      throw new ApiException(
          ErrorCode.SERVICE_UNAVAILABLE, "No compute node is up to look at the document.");
    }
    try {
      DocumentFacts facts =
          dispatcher.probe(
              sha256,
              mediaType,
              options,
              admission.maxPages(caller.tier().name()),
              requestId,
              caller.id());
      int ocr = facts.pagesToOcr() == null ? facts.selectedPages() : facts.pagesToOcr();
      return new Probed(
          facts, estimates.estimate(facts.selectedPages(), ocr), admission.pagesPerHour(caller));
    } catch (DocumentProcessingException e) {
      // What the job would have failed with, said now.
      throw new ApiException(ErrorMapper.codeOf(e.code()), e.getMessage());
    }
  }
}
