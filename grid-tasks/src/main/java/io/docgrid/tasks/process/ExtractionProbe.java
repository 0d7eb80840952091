package io.docgrid.tasks.process;

/**
 * Looks at each grid job on a compute node just before its pages are extracted. Found with {@link
 * java.util.ServiceLoader} when the node starts; DocGrid itself ships none. Tests register one to
 * make a chosen document misbehave (take its worker down), which is how failover and quarantine are
 * proven against real processes without a document that really crashes a JVM.
 */
public interface ExtractionProbe {

  void beforeExtraction(ProcessDocumentRequest request);
}
