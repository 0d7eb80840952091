package io.docgrid.tasks.process;

import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractionResult;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.TextExtractor;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.output.OcrLayer;
import io.docgrid.tasks.output.SearchablePdf;
import io.docgrid.tasks.pipeline.OcrEngines;
import io.docgrid.tasks.pipeline.OcrPageRecognizer;
import io.docgrid.tasks.preprocess.Preprocessor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Extraction in the node's own JVM: fastest, for trusted input and for tests. */
public final class InProcessExtraction implements DocumentExtraction {

  private final TextExtractor extractor;
  private final OcrEngines engines;
  private final Preprocessor preprocessor;
  private final Duration documentBudget;
  private final Duration pageBudget;
  private final SearchablePdf searchablePdf = new SearchablePdf();

  public InProcessExtraction(
      TextExtractor extractor,
      OcrEngines engines,
      Preprocessor preprocessor,
      Duration documentBudget,
      Duration pageBudget) {
    this.extractor = extractor;
    this.engines = engines;
    this.preprocessor = preprocessor;
    this.documentBudget = documentBudget;
    this.pageBudget = pageBudget;
  }

  @Override
  public ExtractionResult extract(
      Path file, String mediaType, ProcessingOptions options, ExtractionScope scope)
      throws DocumentProcessingException, IOException {
    return extractor.extract(
        file,
        mediaType,
        options,
        new OcrPageRecognizer(engines, preprocessor, options),
        TimeBudget.startingNow(documentBudget, pageBudget),
        scope);
  }

  @Override
  public void writeSearchablePdf(
      Path file, String mediaType, List<OcrLayer> layers, int imageDpi, Path target)
      throws DocumentProcessingException, IOException {
    searchablePdf.write(file, mediaType, layers, imageDpi, target);
  }

  @Override
  public void close() {
    engines.close();
  }
}
