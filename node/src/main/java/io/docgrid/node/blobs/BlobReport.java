package io.docgrid.node.blobs;

import java.util.List;

/** What a check of the blob store found: how many jobs it looked at, and what does not match. */
public record BlobReport(long jobsChecked, List<BlobProblem> problems) {

  public BlobReport {
    problems = List.copyOf(problems);
  }

  public boolean allMatch() {
    return problems.isEmpty();
  }
}
