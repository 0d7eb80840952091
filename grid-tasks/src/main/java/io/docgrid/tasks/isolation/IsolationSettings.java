package io.docgrid.tasks.isolation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@link IsolatedExtraction} starts its children.
 *
 * @param java the java executable
 * @param classpath the classpath of this node, which the children share
 * @param tessdata the OCR model directory
 * @param maxHeap each child's -Xmx, e.g. {@code 2g}
 * @param jvmOptions more options for each child's JVM, after the node's own (an agent, GC settings)
 * @param processes how many children at most
 * @param documentsPerProcess how many documents each child works on at once
 * @param documentBudget the time budget a child gives a document's pages
 * @param pageBudget the time budget of one page
 * @param hardLimit when a request that has not been answered has its child killed
 * @param nodeName this node's name, which its children's log lines carry with their own
 */
public record IsolationSettings(
    Path java,
    String classpath,
    Path tessdata,
    String maxHeap,
    List<String> jvmOptions,
    int processes,
    int documentsPerProcess,
    Duration documentBudget,
    Duration pageBudget,
    Duration hardLimit,
    String nodeName) {

  public IsolationSettings {
    if (processes < 1 || documentsPerProcess < 1) {
      throw new IllegalArgumentException("at least one child with one document at a time");
    }
    jvmOptions = List.copyOf(jvmOptions);
  }
}
