package io.docgrid.tasks.process;

import java.io.Serializable;
import java.util.UUID;

/** Sent by an executing node to the submitting node when it has finished a range of pages. */
public record PagesDone(UUID jobId, int done, int failed, int ocr) implements Serializable {

  /** The Ignite messaging topic these events travel on. */
  public static final String TOPIC = "docgrid.job.pages";

  public byte[] encode() {
    return WirePayloads.encode(this);
  }

  public static PagesDone decode(byte[] message) {
    return WirePayloads.decode(message, PagesDone.class);
  }
}
