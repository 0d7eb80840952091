package io.docgrid.tasks.process;

import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.grid.GridTopic;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.apache.ignite.IgniteMessaging;

/** Sent by the executing node to the submitting node when it starts a job. */
public record JobStarted(UUID jobId, String nodeId, Instant startedAt) implements Serializable {

  /** The topic these events travel on, to the nodes of {@code messaging}'s group. */
  public static GridTopic<JobStarted> topic(IgniteMessaging messaging) {
    return GridTopic.ofRecords(messaging, GridNames.JOB_STARTED_TOPIC, JobStarted.class);
  }
}
