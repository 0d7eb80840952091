package io.docgrid.tasks.extraction;

import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractionResult;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageImageFormat;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.output.OcrLayer;
import io.docgrid.tasks.pipeline.PagePipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Extraction in the node's own JVM: fastest, for trusted input and for tests. */
public final class InProcessExtraction implements DocumentExtraction {

  private final PagePipeline pipeline;
  private final Duration documentBudget;
  private final Duration pageBudget;

  public InProcessExtraction(PagePipeline pipeline, Duration documentBudget, Duration pageBudget) {
    this.pipeline = pipeline;
    this.documentBudget = documentBudget;
    this.pageBudget = pageBudget;
  }

  @Override
  public ExtractionResult extract(
      Path file, String mediaType, ProcessingOptions options, ExtractionScope scope)
      throws DocumentProcessingException, IOException {
    return pipeline.extract(
        file, mediaType, options, TimeBudget.startingNow(documentBudget, pageBudget), scope);
  }

  @Override
  public void writeSearchablePdf(
      Path file, String mediaType, List<OcrLayer> layers, int imageDpi, Path target)
      throws DocumentProcessingException, IOException {
    pipeline.writeSearchablePdf(file, mediaType, layers, imageDpi, target);
  }

  @Override
  public byte[] renderPage(Path file, String mediaType, int page, int width, PageImageFormat format)
      throws DocumentProcessingException, IOException {
    return pipeline.renderPage(file, mediaType, page, width, format);
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
