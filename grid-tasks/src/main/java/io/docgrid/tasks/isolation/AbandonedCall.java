package io.docgrid.tasks.isolation;

import java.io.IOException;

/** The caller stopped waiting (its job was cancelled) while the child works on its request. */
final class AbandonedCall extends IOException {

  private final transient ExtractionChild.Call call;

  AbandonedCall(ExtractionChild.Call call, InterruptedException cause) {
    super("interrupted while waiting for the extraction child", cause);
    this.call = call;
  }

  /** The request the child still works on: its slot is given back when it answers. */
  ExtractionChild.Call call() {
    return call;
  }
}
