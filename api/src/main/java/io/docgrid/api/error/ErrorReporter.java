package io.docgrid.api.error;

import java.util.UUID;

/**
 * Where failures nobody expected are reported besides the log: an error tracker such as Sentry, or
 * nowhere. Only ids and codes are handed over, never a document's text, a file name or a
 * credential; an implementation adds nothing that could hold them.
 */
public interface ErrorReporter {

  /** Reports nothing: the default when no error tracker is configured. */
  ErrorReporter NONE =
      new ErrorReporter() {
        @Override
        public void requestFailed(Throwable failure, FailedRequest request) {}

        @Override
        public void jobFailed(FailedJob job) {}
      };

  /** A request answered with an unexpected 500 {@code INTERNAL_ERROR}. */
  void requestFailed(Throwable failure, FailedRequest request);

  /** A job that ended as {@code INTERNAL_ERROR}. */
  void jobFailed(FailedJob job);

  /**
   * @param route the matched route with its parameters in braces ({@code /api/v1/jobs/{id}}), or
   *     "unmatched"
   * @param tenant the caller's identity ({@code key:<uuid>} and the like), null before
   *     authentication
   */
  record FailedRequest(String method, String route, String requestId, String tenant) {}

  /**
   * @param tenant the job's owner
   */
  record FailedJob(UUID jobId, String requestId, String tenant, String code) {}
}
