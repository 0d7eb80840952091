package io.docgrid.api.webhooks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The bodies the webhooks resource reads. */
public final class WebhookRequests {

  static final String EVENT = "job\\.succeeded|job\\.failed|job\\.cancelled|batch\\.completed";
  static final String EVENT_RULE =
      "must be one of batch.completed, job.cancelled, job.failed, job.succeeded";

  private WebhookRequests() {}

  /** {@code POST /api/v1/webhooks}: where to send, and which events (all of them when absent). */
  public record Create(
      @NotBlank @Size(max = 2048) String url,
      @Size(min = 1, max = 4)
          List<@NotNull(message = EVENT_RULE) @Pattern(regexp = EVENT, message = EVENT_RULE) String>
              events,
      @Size(max = 500) String description) {}

  /** {@code PATCH /api/v1/webhooks/{id}}: what is present changes; enabling resets the failures. */
  public record Update(
      @Size(min = 1, max = 2048) String url,
      @Size(min = 1, max = 4)
          List<@NotNull(message = EVENT_RULE) @Pattern(regexp = EVENT, message = EVENT_RULE) String>
              events,
      @Size(max = 500) String description,
      Boolean enabled) {}
}
