package io.docgrid.tasks.process;

import io.docgrid.tasks.document.ExtractedDocument;
import java.util.Collection;
import java.util.List;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskSplitAdapter;

/**
 * Processes one document on a compute node chosen by Ignite's load balancer. Split into a single
 * job for now; page-range jobs will fan out here.
 */
public final class ProcessDocumentTask
    extends ComputeTaskSplitAdapter<ProcessDocumentRequest, ExtractedDocument> {

  @Override
  protected Collection<? extends ComputeJob> split(int gridSize, ProcessDocumentRequest request) {
    return List.of(new ProcessDocumentJob(WirePayloads.encode(request)));
  }

  @Override
  public ExtractedDocument reduce(List<ComputeJobResult> results) {
    return WirePayloads.decode(results.get(0).getData(), ExtractedDocument.class);
  }
}
