package io.docgrid.tasks.process;

import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.document.PageRecognizer;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.TextExtractor;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.pipeline.OcrEngines;
import io.docgrid.tasks.pipeline.OcrPageRecognizer;
import io.docgrid.tasks.preprocess.Preprocessor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.ignite.Ignite;

/**
 * The node-local services a compute job needs. Ignite deserialises jobs without a container, so the
 * node registers this once in its node-local map and jobs look it up through their Ignite instance
 * (never a static field: several nodes may share one JVM).
 *
 * @param versions what {@link io.docgrid.tasks.pipeline.ComponentVersions} reported at start-up
 * @param documentTimeout how long one grid job may spend on its pages before the rest fail
 * @param pageTimeout how long one page may take
 */
public record WorkerContext(
    BlobStore blobStore,
    TextExtractor extractor,
    OcrEngines ocrEngines,
    Preprocessor preprocessor,
    Map<String, String> versions,
    Duration documentTimeout,
    Duration pageTimeout) {

  private static final String KEY = WorkerContext.class.getName();

  public void installOn(Ignite ignite) {
    ignite.cluster().<String, Object>nodeLocalMap().put(KEY, this);
  }

  public static Optional<WorkerContext> lookup(Ignite ignite) {
    return Optional.ofNullable((WorkerContext) ignite.cluster().nodeLocalMap().get(KEY));
  }

  TimeBudget startBudget() {
    return TimeBudget.startingNow(documentTimeout, pageTimeout);
  }

  PageRecognizer recognizerFor(ProcessingOptions options) {
    return new OcrPageRecognizer(ocrEngines, preprocessor, options);
  }
}
