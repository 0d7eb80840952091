package io.docgrid.tasks.process;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** Sent by the executing node to the submitting node when it starts a job. */
public record JobStarted(UUID jobId, String nodeId, Instant startedAt) implements Serializable {

  /** The Ignite messaging topic these events travel on. */
  public static final String TOPIC = "docgrid.job.started";

  /** Messages travel as bytes; see {@link WirePayloads}. */
  public byte[] encode() {
    return WirePayloads.encode(this);
  }

  public static JobStarted decode(byte[] message) {
    return WirePayloads.decode(message, JobStarted.class);
  }
}
