package io.docgrid.node.wiring;

import io.docgrid.api.auth.ApiKeyAuthenticator;
import io.docgrid.api.engine.ResultRetention;
import io.docgrid.sql.UsageRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background chores of an API node: keys' last-use times, usage rows past retention, documents and
 * results past their tier's retention, and whatever else the wiring adds (expired uploads,
 * idempotency keys).
 */
final class Housekeeping implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "docgrid-housekeeping");
            thread.setDaemon(true);
            return thread;
          });
  private final ApiKeyAuthenticator keys;

  Housekeeping(
      ApiKeyAuthenticator keys,
      UsageRepository usage,
      Duration usageRetention,
      ResultRetention results,
      Clock clock) {
    this.keys = keys;
    long sweepMillis = results.sweepInterval().toMillis();
    scheduler.scheduleWithFixedDelay(
        () -> safely("delete expired results", results::sweep),
        sweepMillis,
        sweepMillis,
        TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> safely("record key use", keys::recordLastUse), 10, 10, TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(
        () ->
            safely(
                "delete old usage rows",
                () -> {
                  int deleted = usage.deleteOlderThan(clock.instant().minus(usageRetention));
                  if (deleted > 0) {
                    log.info("deleted {} usage rows older than {}", deleted, usageRetention);
                  }
                }),
        1,
        60,
        TimeUnit.MINUTES);
  }

  /** Runs a further chore every {@code interval}, the first time one interval from now. */
  void every(Duration interval, String chore, Runnable work) {
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(
        () -> safely(chore, work), millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Runs a further chore every hour, the first time a minute from now. */
  void hourly(String chore, Runnable work) {
    scheduler.scheduleWithFixedDelay(() -> safely(chore, work), 60, 3600, TimeUnit.SECONDS);
  }

  private static void safely(String chore, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.warn("could not {}: {}", chore, e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    safely("record key use", keys::recordLastUse);
  }
}
