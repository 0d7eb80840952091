package io.docgrid.node.wiring;

import io.docgrid.api.ApiServer;
import io.docgrid.api.engine.JobDispatcher;
import io.docgrid.api.usage.UsageRecorder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started node. Closing it stops in the order that loses nothing: refuse new work, let running
 * jobs finish for the grace period, then close everything in reverse start order. Jobs still
 * unfinished stay queued or running in the database and resume at the next start.
 */
public final class RunningNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunningNode.class);

  private final Deque<AutoCloseable> resources;
  private final ApiServer api;
  private final JobDispatcher dispatcher;
  private final Duration shutdownGrace;
  private final java.nio.file.Path adminKeyFile;
  private final UsageRecorder usage;
  private boolean closed;

  private RunningNode(Builder builder) {
    this.adminKeyFile = builder.adminKeyFile;
    this.resources = builder.resources;
    this.api = builder.api;
    this.dispatcher = builder.dispatcher;
    this.shutdownGrace = builder.shutdownGrace;
    this.usage = builder.usage;
  }

  static Builder builder(Duration shutdownGrace) {
    return new Builder(shutdownGrace);
  }

  /** Where this start wrote the first admin key, if it made one. */
  public java.util.Optional<java.nio.file.Path> adminKeyFile() {
    return java.util.Optional.ofNullable(adminKeyFile);
  }

  public int apiPort() {
    return api.port();
  }

  /** The routes the API registered, as "METHOD /path". */
  public java.util.List<String> apiRoutes() {
    return api.routes();
  }

  /** Writes the usage rows recorded so far now, rather than at the writer's next batch. */
  public void flushUsage() {
    usage.flush();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("stopping");
    if (api != null) {
      api.markStopping();
      resources.remove(api);
      closeQuietly(api); // no new requests; Jetty lets requests in progress complete
    }
    if (dispatcher != null && dispatcher.inFlightCount() > 0) {
      log.info("waiting up to {} for {} running jobs", shutdownGrace, dispatcher.inFlightCount());
      try {
        if (!dispatcher.awaitInFlight(shutdownGrace)) {
          log.warn("jobs still running after the grace period resume at the next start");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    while (!resources.isEmpty()) {
      closeQuietly(resources.pop());
    }
    log.info("stopped");
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      log.warn("error while closing {}", resource.getClass().getSimpleName(), e);
    }
  }

  static final class Builder {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Duration shutdownGrace;
    private ApiServer api;
    private JobDispatcher dispatcher;
    private java.nio.file.Path adminKeyFile;
    private UsageRecorder usage;

    private Builder(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
    }

    <T extends AutoCloseable> T add(T resource) {
      resources.push(resource);
      return resource;
    }

    void api(ApiServer api) {
      this.api = api;
    }

    void usage(UsageRecorder usage) {
      this.usage = usage;
    }

    void adminKeyFile(java.nio.file.Path file) {
      this.adminKeyFile = file;
    }

    /** The dispatcher whose running jobs a stop waits for, up to the grace period. */
    void dispatcher(JobDispatcher dispatcher) {
      this.dispatcher = dispatcher;
    }

    RunningNode build() {
      return new RunningNode(this);
    }
  }
}
