package io.docgrid.api.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.jobs.JobOptions;
import io.docgrid.api.jobs.JobResponses.FailedPage;
import io.docgrid.api.jobs.JobResponses.JobError;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.jobs.JobResponses.Manifest;
import io.docgrid.api.jobs.JobResponses.ResultDocument;
import io.docgrid.api.jobs.JobResponses.ResultOcr;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import io.docgrid.api.jobs.JobResponses.ResultWord;
import io.docgrid.sql.model.Job;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.PageOcr;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.process.ProcessedDocument;
import java.util.List;

/** Builds the stored result of a job from what the grid sent back. */
final class ResultAssembler {

  private ResultAssembler() {}

  static JobResult assemble(
      Job job, ProcessedDocument processed, JobTimings timings, ObjectMapper json) {
    ExtractedDocument document = processed.document();
    List<FailedPage> failed =
        document.pages().stream()
            .filter(PageText::hasFailed)
            .map(page -> new FailedPage(page.number(), codeOf(page)))
            .toList();
    return new JobResult(
        JobResult.SCHEMA_VERSION,
        new ResultDocument(
            job.documentSha256(), document.mediaType(), document.pageCount(), document.metadata()),
        !failed.isEmpty(),
        failed,
        document.pages().stream().map(ResultAssembler::page).toList(),
        new Manifest(
            job.documentSha256(),
            JobOptions.asSent(job.options(), json),
            processed.pipelineVersion(),
            processed.versions(),
            processed.nodeIds(),
            timings.millis()));
  }

  private static ResultPage page(PageText page) {
    return new ResultPage(
        page.number(),
        page.text(),
        page.source(),
        page.ocr() == null ? null : ocr(page.ocr()),
        page.timingsMillis().isEmpty() ? null : page.timingsMillis(),
        page.hasFailed() ? new JobError(codeOf(page), page.error().message()) : null,
        page.markdown());
  }

  static String codeOf(PageText page) {
    return ErrorMapper.codeOf(page.error().code()).name();
  }

  private static ResultOcr ocr(PageOcr ocr) {
    return new ResultOcr(
        ocr.confidence(),
        ocr.meanConfidence(),
        Math.round(ocr.skewDegrees() * 100) / 100.0,
        ocr.rotation(),
        ocr.dpi(),
        ocr.words().stream()
            .map(
                word ->
                    new ResultWord(
                        word.text(),
                        new int[] {word.left(), word.top(), word.width(), word.height()},
                        word.confidence()))
            .toList(),
        ocr.hocr());
  }
}
