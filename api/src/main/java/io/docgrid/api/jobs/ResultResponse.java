package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A job's result written as an HTTP answer, in the format the caller asked for, page by page from
 * the stored result to the response: a long document's result is never whole in memory.
 */
final class ResultResponse {

  private ResultResponse() {}

  /**
   * Answers with a result in {@code format}. The result is opened before anything is written, so
   * that a result that is not there is still answered with a problem.
   */
  static void write(
      Context ctx,
      UUID id,
      ResultFormat format,
      ObjectMapper json,
      Supplier<StoredResult> result,
      Supplier<InputStream> searchablePdf) {
    if (format == ResultFormat.PDF) {
      InputStream pdf = searchablePdf.get();
      ctx.contentType(format.contentType());
      ctx.header("Content-Disposition", "inline; filename=\"" + id + ".pdf\"");
      ctx.result(pdf);
      return;
    }
    StoredResult stored = result.get();
    ctx.contentType(format.contentType());
    try (stored;
        OutputStream out = ctx.outputStream()) {
      if (format == ResultFormat.JSON) {
        ResultJson.write(
            out,
            json,
            stored.head(),
            stored::forEachPage,
            ResultPage::forJson,
            null,
            stored::manifest);
        return;
      }
      Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      // A switch, so that a new format cannot be added without its rendering.
      switch (format) {
        case TEXT -> ResultRenderer.text(stored::forEachPage, text);
        case MARKDOWN -> ResultRenderer.markdown(stored::forEachPage, text);
        case HOCR -> ResultRenderer.hocr(titleOf(stored), stored::forEachPage, text);
        case JSON, PDF -> throw new IllegalStateException(format + " is written above");
      }
      text.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String titleOf(StoredResult stored) {
    return stored.head().document() == null ? "" : stored.head().document().sha256();
  }
}
