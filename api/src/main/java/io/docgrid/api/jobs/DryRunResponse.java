package io.docgrid.api.jobs;

import io.docgrid.api.engine.DocumentProbe;
import io.docgrid.tasks.document.DocumentFacts;

/**
 * The answer to {@code POST /api/v1/jobs?dryRun=true}: what the job would be, without it.
 *
 * @param document the document as its first look sees it
 * @param pages the pages its options select, and how many of them would be OCRed
 * @param estimate its processing time and its wait in the queue, in seconds
 * @param quota the pages of the hourly quota it would take, and the tier's hourly pages
 */
public record DryRunResponse(
    boolean dryRun, Document document, Pages pages, Estimate estimate, Quota quota)
    implements JobResponses.FinishedSubmission {

  public record Document(
      String sha256,
      String fileName,
      String mediaType,
      long sizeBytes,
      int pageCount,
      boolean encrypted) {}

  public record Pages(int selected, int ocr) {}

  /**
   * @param queueWaitSeconds null when nothing finished lately while jobs wait
   * @param basis {@code recent}: from the jobs the cluster computed in the last 30 minutes ({@code
   *     recentJobs} of them); {@code defaults}: from fixed rates, since it computed none
   */
  public record Estimate(
      double processingSeconds, Double queueWaitSeconds, String basis, int recentJobs) {}

  public record Quota(int pages, long pagesPerHour) {}

  static DryRunResponse of(ReceivedUpload upload, DocumentProbe.Probed probed) {
    DocumentFacts facts = probed.facts();
    int ocr = facts.pagesToOcr() == null ? facts.selectedPages() : facts.pagesToOcr();
    var estimate = probed.estimate();
    return new DryRunResponse(
        true,
        new Document(
            upload.sha256(),
            upload.fileName(),
            facts.mediaType(),
            upload.sizeBytes(),
            facts.pageCount(),
            facts.encrypted()),
        new Pages(facts.selectedPages(), ocr),
        new Estimate(
            estimate.processingSeconds(),
            estimate.queueWaitSeconds(),
            estimate.basis(),
            estimate.recentJobs()),
        new Quota(facts.selectedPages(), probed.pagesPerHour()));
  }
}
