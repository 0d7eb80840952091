package io.docgrid.tasks.process;

import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.grid.GridTopic;
import java.io.Serializable;
import java.util.UUID;
import org.apache.ignite.IgniteMessaging;

/** Sent by an executing node to the submitting node when it has finished a range of pages. */
public record PagesDone(UUID jobId, int done, int failed, int ocr) implements Serializable {

  /** The topic these events travel on, to the nodes of {@code messaging}'s group. */
  public static GridTopic<PagesDone> topic(IgniteMessaging messaging) {
    return GridTopic.ofRecords(messaging, GridNames.PAGES_DONE_TOPIC, PagesDone.class);
  }
}
