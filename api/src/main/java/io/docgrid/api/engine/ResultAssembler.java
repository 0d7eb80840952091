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
import io.docgrid.api.jobs.PageSource;
import io.docgrid.api.jobs.ResultJson;
import io.docgrid.sql.model.Job;
import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.PageOcr;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.process.StoredDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds the stored result of a job from what the grid sent back: its head and manifest from the
 * document's summary, its pages streamed from where they are kept.
 */
final class ResultAssembler {

  private ResultAssembler() {}

  /**
   * Writes the job's result to {@code out}, one page at a time.
   *
   * @param tee sees every page as it is written; null for none
   */
  static void write(
      OutputStream out,
      Job job,
      StoredDocument document,
      PageSource pages,
      JobTimings timings,
      PageSource.PageVisitor tee,
      ObjectMapper json)
      throws IOException {
    List<FailedPage> failed =
        document.failedPages().stream()
            .map(page -> new FailedPage(page.number(), codeOf(page.code())))
            .toList();
    ResultJson.Head head =
        new ResultJson.Head(
            JobResult.SCHEMA_VERSION,
            new ResultDocument(
                job.documentSha256(),
                document.mediaType(),
                document.pageCount(),
                document.metadata()),
            !failed.isEmpty(),
            failed);
    Manifest manifest =
        new Manifest(
            job.documentSha256(),
            JobOptions.asSent(job.options(), json),
            document.pipelineVersion(),
            document.versions(),
            document.nodeIds(),
            timings.millis());
    ResultJson.write(out, json, head, pages, UnaryOperator.identity(), tee, () -> manifest);
  }

  static ResultPage page(PageText page) {
    return new ResultPage(
        page.number(),
        page.text(),
        page.source(),
        page.ocr() == null ? null : ocr(page.ocr()),
        page.timingsMillis().isEmpty() ? null : page.timingsMillis(),
        page.hasFailed() ? new JobError(codeOf(page.error().code()), page.error().message()) : null,
        page.markdown());
  }

  static String codeOf(DocumentErrorCode code) {
    return ErrorMapper.codeOf(code).name();
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
