package io.docgrid.tasks.process;

import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.grid.WirePayloads;
import java.util.List;
import java.util.Map;

/**
 * What a compute node sends back: the document's pages and how they were made.
 *
 * @param document the pages and metadata
 * @param nodeIds the grid nodes that processed the document's pages
 * @param pipelineVersion the version of the processing pipeline
 * @param versions library and OCR model versions on that node
 * @param elapsedMillis time from the job's start on the node to its end
 */
public record ProcessedDocument(
    ExtractedDocument document,
    List<String> nodeIds,
    String pipelineVersion,
    Map<String, String> versions,
    long elapsedMillis)
    implements DocumentOutcome {

  public ProcessedDocument {
    nodeIds = List.copyOf(nodeIds);
    versions = Map.copyOf(versions);
  }

  /** This document as bytes, for keeping it outside the JVM (the API's result cache). */
  public byte[] toBytes() {
    return WirePayloads.encode(this);
  }

  /** Reads bytes made by {@link #toBytes()}; nothing but DocGrid's own types is deserialised. */
  public static ProcessedDocument fromBytes(byte[] bytes) {
    return WirePayloads.decode(bytes, ProcessedDocument.class);
  }
}
