package io.docgrid.api.engine;

import io.docgrid.sql.model.Job;
import java.util.Map;
import org.slf4j.MDC;

/**
 * A job's ids and tenant in the log context of the current thread while it works on the job, put
 * back as they were afterwards: an HTTP request's thread keeps its own request id when it submits.
 * The tenant is the job's owner ({@code key:<uuid>} and the like), never a key itself.
 */
final class JobLogContext implements AutoCloseable {

  private final Map<String, String> before;

  private JobLogContext(Map<String, String> before) {
    this.before = before;
  }

  static JobLogContext of(Job job) {
    JobLogContext context = new JobLogContext(MDC.getCopyOfContextMap());
    MDC.put("jobId", job.id().toString());
    put("requestId", job.requestId());
    put("tenant", job.owner());
    return context;
  }

  private static void put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }

  @Override
  public void close() {
    if (before == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(before);
    }
  }
}
