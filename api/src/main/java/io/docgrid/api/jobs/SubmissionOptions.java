package io.docgrid.api.jobs;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * A submission's options, read strictly by the options codec and naming only the caller's own
 * webhook endpoints: a job's events go to its owner's endpoints only, and an id that names none
 * would silently deliver nothing.
 */
public final class SubmissionOptions {

  private final JobOptions options;
  private final BiPredicate<String, UUID> ownsWebhook;

  /**
   * @param ownsWebhook whether a tenant (first) has the webhook endpoint (second)
   */
  public SubmissionOptions(JobOptions options, BiPredicate<String, UUID> ownsWebhook) {
    this.options = options;
    this.ownsWebhook = ownsWebhook;
  }

  /** The options {@code caller} sent, parsed; a coded refusal for what may not be run. */
  JobOptions.Parsed parse(String raw, Principal caller) {
    JobOptions.Parsed parsed = options.parse(raw);
    refuseForeignWebhooks(options.webhooksIn(parsed.canonical()), caller);
    return parsed;
  }

  private void refuseForeignWebhooks(List<UUID> named, Principal caller) {
    for (UUID id : named) {
      if (!ownsWebhook.test(caller.id(), id)) {
        throw new ApiException(
            ErrorCode.UNKNOWN_WEBHOOK,
            "options.webhooks names "
                + id
                + ", which is not one of your webhook endpoints; list them at GET"
                + " /api/v1/webhooks.");
      }
    }
  }
}
