package io.docgrid.api.jobs;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.model.Job;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a batch request into jobs, item by item, each as {@code POST /api/v1/jobs} would make it
 * (the same sources, checks, quotas and result cache). An item that cannot become a job is reported
 * with its problem and never stops the others.
 */
public final class BatchSubmissions {

  /** What one item became: a job, or the problem that kept it from being one. */
  public record Outcome(int index, Job job, ApiException problem) {}

  /** A batch's items, read and checked, not yet jobs. */
  public record Items(List<Pending> pending) {
    public int size() {
      return pending.size();
    }
  }

  /** One item: where its document comes from, or the problem that already keeps it from a job. */
  record Pending(DocumentSource source, ApiException problem) {}

  private final JobService service;
  private final SubmissionReader reader;
  private final RequestValidator validator;
  private final int maxItems;

  /**
   * @param maxItems the most items one batch may have ({@code --batch-max-items})
   */
  public BatchSubmissions(
      JobService service, SubmissionReader reader, RequestValidator validator, int maxItems) {
    this.service = service;
    this.reader = reader;
    this.validator = validator;
    this.maxItems = maxItems;
  }

  /**
   * Reads the batch's items: {@code file} parts of a multipart body (spooled now), or the items of
   * a JSON body. Refuses the whole batch only when the body itself is wrong or too long.
   */
  public Items read(Context ctx, Principal caller) {
    service.ensureCapacity();
    String type = ctx.header("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      BatchRequest request = validator.body(ctx.body(), BatchRequest.class);
      if (request.items().size() > maxItems) {
        throw ApiException.invalidField("items", "must be at most " + maxItems + " items");
      }
      return new Items(request.items().stream().map(item -> pending(item, request)).toList());
    }
    try {
      return new Items(
          reader.spooledFiles(ctx, caller, maxItems).stream()
              .map(source -> new Pending(source, null))
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes a job of batch {@code batchId} from each item, in order, running {@code afterEachItem}
   * after each.
   */
  public List<Outcome> submit(
      Context ctx,
      Items items,
      Principal caller,
      String requestId,
      UUID batchId,
      Runnable afterEachItem) {
    List<Outcome> outcomes = new ArrayList<>(items.size());
    for (int index = 0; index < items.size(); index++) {
      Pending item = items.pending().get(index);
      try {
        if (item.problem() != null) {
          throw item.problem();
        }
        ReceivedUpload upload = reader.receive(ctx, item.source(), caller);
        if (upload.sizeBytes() == 0) {
          upload.discard();
          throw new ApiException(ErrorCode.EMPTY_FILE, "The file has no content.");
        }
        outcomes.add(
            new Outcome(index, service.submitInBatch(upload, requestId, caller, batchId), null));
      } catch (ApiException e) {
        outcomes.add(new Outcome(index, null, e));
      } catch (IOException e) {
        outcomes.add(
            new Outcome(
                index,
                null,
                new ApiException(ErrorCode.INVALID_REQUEST, "The document could not be read.")));
      }
      afterEachItem.run();
    }
    return outcomes;
  }

  /** The item's source, or the problem with it, which only that item reports. */
  private static Pending pending(BatchRequest.Item item, BatchRequest request) {
    try {
      return new Pending(DocumentSource.of(item.asJobRequest(request.options())), null);
    } catch (ApiException e) {
      return new Pending(null, e);
    }
  }
}
