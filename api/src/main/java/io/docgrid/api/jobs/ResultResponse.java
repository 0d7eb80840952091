package io.docgrid.api.jobs;

import io.docgrid.api.jobs.JobResponses.JobResult;
import io.javalin.http.Context;
import java.io.InputStream;
import java.util.UUID;
import java.util.function.Supplier;

/** A job's result written as an HTTP answer, in the format the caller asked for. */
final class ResultResponse {

  private ResultResponse() {}

  /** Answers with a result in {@code format}, rendered or streamed as it asks. */
  static void write(
      Context ctx,
      UUID id,
      ResultFormat format,
      Supplier<JobResult> result,
      Supplier<InputStream> searchablePdf) {
    if (format == ResultFormat.JSON) {
      ctx.json(result.get().forJson());
      return;
    }
    if (format == ResultFormat.PDF) {
      InputStream pdf = searchablePdf.get();
      ctx.contentType(format.contentType());
      ctx.header("Content-Disposition", "inline; filename=\"" + id + ".pdf\"");
      ctx.result(pdf);
      return;
    }
    // A switch expression, so that a new format cannot be added without its rendering.
    String rendered =
        switch (format) {
          case TEXT -> ResultRenderer.text(result.get());
          case MARKDOWN -> ResultRenderer.markdown(result.get());
          case HOCR -> ResultRenderer.hocr(result.get());
          case JSON, PDF -> throw new IllegalStateException(format + " is written above");
        };
    ctx.contentType(format.contentType()).result(rendered);
  }
}
