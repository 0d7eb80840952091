package io.docgrid.api.jobs;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.engine.FinishWaiters;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestOrigin;
import io.docgrid.api.http.RequestOrigins;
import io.docgrid.api.jobs.JobResponses.JobView;
import io.docgrid.api.validation.PathId;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.PageProgress;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * A job's live progress as Server-Sent Events: a {@code progress} event each time more of its pages
 * are done, then one final event named for how it ended ({@code succeeded}, {@code failed} or
 * {@code cancelled}) with the job as {@code GET} shows it. An event's id is the number of pages
 * processed (done or failed) when it was sent, the final one's one more, so ids only grow and a
 * client reconnecting with {@code Last-Event-ID} gets only what it has not seen. The end wakes a
 * stream at once (the finish waiters every long poll uses); progress is read as often as the
 * progress ledger writes it; a comment line is sent as a heartbeat when nothing else was.
 */
public final class JobEventRoutes {

  /** How many streams are open on this node at most, and how often each looks and beats. */
  public record Settings(int maxStreams, Duration progressEvery, Duration heartbeatEvery) {}

  private static final long RETRY_AFTER_SECONDS = 5;

  private final JobService service;
  private final RequestValidator validator;
  private final Settings settings;
  private final Semaphore streams;

  public JobEventRoutes(JobService service, RequestValidator validator, Settings settings) {
    this.service = service;
    this.validator = validator;
    this.settings = settings;
    this.streams = new Semaphore(settings.maxStreams());
  }

  /** A progress event's data. */
  public record Progress(String status, PageProgress pages) {}

  @OpenApi(
      path = JobRoutes.JOBS_PATH + "/{id}/events",
      methods = HttpMethod.GET,
      operationId = "streamJobEvents",
      summary =
          "The job's progress as Server-Sent Events: 'progress' events (data: status and pages),"
              + " then one final event named succeeded, failed or cancelled whose data is the job"
              + " as GET shows it; event ids only grow, and Last-Event-ID resumes after one",
      tags = "jobs",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      headers =
          @OpenApiParam(
              name = "Last-Event-ID",
              description = "The id of the last event received: only later events are sent"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(mimeType = "text/event-stream", type = "string")),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "503", content = @OpenApiContent(from = Problem.class))
      })
  public void events(Context ctx) throws IOException, InterruptedException {
    UUID id = validator.valid(new PathId(ctx.pathParam("id"))).uuid();
    Principal caller = Authenticator.require(ctx);
    Job job = service.find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id));
    long seen = lastEventId(ctx.header("Last-Event-ID"));
    if (!streams.tryAcquire()) {
      throw new ApiException(
              ErrorCode.TOO_MANY_EVENT_STREAMS,
              "This node has "
                  + settings.maxStreams()
                  + " event streams open, its limit (--event-streams-max); poll GET "
                  + JobRoutes.JOBS_PATH
                  + "/{id} with Prefer: wait instead, or retry later.")
          .retryAfter(RETRY_AFTER_SECONDS);
    }
    try {
      ctx.status(200);
      ctx.res().setContentType("text/event-stream;charset=utf-8");
      ctx.res().setHeader("Cache-Control", "no-cache");
      ctx.res().setHeader("X-Accel-Buffering", "no");
      stream(ctx, ctx.res().getOutputStream(), job, seen, caller);
    } catch (IOException e) {
      // The client went away: nothing to answer.
    } finally {
      streams.release();
    }
  }

  private void stream(Context ctx, OutputStream out, Job first, long seen, Principal caller)
      throws IOException, InterruptedException {
    RequestOrigin origin = RequestOrigins.of(ctx);
    Job job = first;
    long lastWrite = System.nanoTime();
    write(out, ": stream of job " + job.id() + "\n\n");
    while (true) {
      long processed = job.pages().done() + job.pages().failed();
      if (job.status().isFinished()) {
        event(ctx, out, processed + 1, job.status().wireName(), JobView.of(job, origin));
        return;
      }
      if (processed > seen) {
        event(ctx, out, processed, "progress", new Progress(job.status().wireName(), job.pages()));
        seen = processed;
        lastWrite = System.nanoTime();
      } else if (System.nanoTime() - lastWrite >= settings.heartbeatEvery().toNanos()) {
        write(out, ": heartbeat\n\n");
        lastWrite = System.nanoTime();
      }
      job = next(job.id(), caller).orElse(null);
      if (job == null) {
        return; // deleted while followed
      }
    }
  }

  /** The job once it ends, or as it stands after the progress interval. */
  private Optional<Job> next(UUID id, Principal caller) throws InterruptedException {
    try {
      Optional<FinishWaiters.Finished> finished =
          service.awaitFinished(id, settings.progressEvery()).get();
      return finished.isPresent() ? Optional.of(finished.get().job()) : service.find(id, caller);
    } catch (ExecutionException e) {
      return service.find(id, caller);
    }
  }

  private static void event(Context ctx, OutputStream out, long id, String name, Object data)
      throws IOException {
    String json = ctx.jsonMapper().toJsonString(data, data.getClass());
    write(out, "id: " + id + "\nevent: " + name + "\ndata: " + json + "\n\n");
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static long lastEventId(String header) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    try {
      return Math.max(-1, Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      throw ApiException.invalidField("Last-Event-ID", "must be the id of an event of this stream");
    }
  }
}
