package io.docgrid.node.wiring;

import io.docgrid.api.error.ErrorReporter;
import io.docgrid.node.config.NodeConfig;
import io.sentry.SentryClient;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;

/**
 * Reports unexpected failures to Sentry, each as one event tagged with the request id, the job id,
 * the tenant and this node. It holds its own {@link SentryClient} rather than calling {@code
 * Sentry.init}: the SDK's global hub would be shared by every node in a JVM (as in the tests) and
 * would install handlers for uncaught exceptions and shutdown that we do not want. Events go
 * through {@link SentryScrubber} before they are sent.
 */
final class SentryErrorReporter implements ErrorReporter, AutoCloseable {

  private final SentryClient client;
  private final String node;

  private SentryErrorReporter(SentryClient client, String node) {
    this.client = client;
    this.node = node;
  }

  /** A reporter to the project of {@code config}, tagging events with {@code release}. */
  static SentryErrorReporter start(
      NodeConfig.ErrorTrackingConfig config, String release, String node) {
    SentryOptions options = new SentryOptions();
    options.setDsn(config.sentryDsn());
    options.setRelease(release);
    if (config.environment() != null) {
      options.setEnvironment(config.environment());
    }
    options.setSendDefaultPii(false);
    options.setMaxRequestBodySize(SentryOptions.RequestSize.NONE);
    options.setBeforeSend(new SentryScrubber());
    return new SentryErrorReporter(new SentryClient(options), node);
  }

  @Override
  public void requestFailed(Throwable failure, FailedRequest request) {
    SentryEvent event = new SentryEvent(failure);
    event.setMessage(
        message("Unexpected error answering " + request.method() + " " + request.route()));
    event.setTransaction(request.method() + " " + request.route());
    Request http = new Request();
    http.setMethod(request.method());
    http.setUrl(request.route());
    event.setRequest(http);
    event.setTag("requestId", request.requestId());
    tag(event, "tenant", request.tenant());
    send(event);
  }

  @Override
  public void jobFailed(FailedJob job) {
    SentryEvent event = new SentryEvent();
    event.setMessage(message("Job failed: " + job.code()));
    event.setTag("jobId", job.jobId().toString());
    tag(event, "requestId", job.requestId());
    tag(event, "tenant", job.tenant());
    event.setTag("code", job.code());
    send(event);
  }

  private void send(SentryEvent event) {
    event.setLevel(SentryLevel.ERROR);
    event.setTag("node", node);
    client.captureEvent(event);
  }

  private static Message message(String text) {
    Message message = new Message();
    message.setMessage(text);
    return message;
  }

  private static void tag(SentryEvent event, String name, String value) {
    if (value != null) {
      event.setTag(name, value);
    }
  }

  /** Sends what is still queued, within the SDK's shutdown timeout (2 s by default). */
  @Override
  public void close() {
    client.close();
  }
}
