package io.docgrid.tasks.pipeline;

import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractionResult;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageImageFormat;
import io.docgrid.tasks.document.PageImageRenderer;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.Stage;
import io.docgrid.tasks.document.TextExtractor;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.ocr.paddle.PaddleRuntime;
import io.docgrid.tasks.output.OcrLayer;
import io.docgrid.tasks.output.SearchablePdf;
import io.docgrid.tasks.preprocess.Preprocessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything that turns a document's bytes into pages, assembled in one place for both ways a node
 * extracts (in its own JVM and in its extraction children):
 *
 * <pre>
 * type refined ─▶ PDF page:    TEXT_LAYER ── usable, or OCR off ──────────────────▶ page text
 *  (document)                  └─ to recognise: RENDER ─┐
 *                 image frame: DECODE ──────────────────┴─▶ GRAYSCALE ─▶ ORIENTATION ─▶ DESKEW
 *                 other types: Tika, as one or more pages ─▶ page text
 *   ─▶ BINARIZE ─▶ OCR ─▶ page text          and on request: page texts ─▶ searchable PDF
 *                                                            one page ─▶ page image
 * </pre>
 *
 * The stages' code: TEXT_LAYER, RENDER and DECODE in {@code document}; GRAYSCALE and ORIENTATION in
 * {@link OcrPageRecognizer}; DESKEW and BINARIZE in {@code preprocess}; OCR in {@code ocr}; the
 * searchable PDF in {@code output}.
 *
 * <p>Thread-safe: documents run through it on many threads at once, each with its own OCR engine.
 */
public final class PagePipeline implements AutoCloseable {

  /** The stages a page can pass through, in the order they run ({@link Stage} is declared so). */
  public static final List<Stage> STAGES = List.of(Stage.values());

  private final TextExtractor extractor;
  private final OcrEngines engines;
  private final Preprocessor preprocessor;
  private final SearchablePdf searchablePdf;
  private final PageImageRenderer pageImages;

  private PagePipeline(
      TextExtractor extractor,
      OcrEngines engines,
      Preprocessor preprocessor,
      SearchablePdf searchablePdf,
      PageImageRenderer pageImages) {
    this.extractor = extractor;
    this.engines = engines;
    this.preprocessor = preprocessor;
    this.searchablePdf = searchablePdf;
    this.pageImages = pageImages;
  }

  /**
   * The one factory of the pipeline: the node calls it with its own preprocessor and PaddleOCR
   * runtime (the GPUs', when it has them) for {@code --isolation none}, and each extraction child
   * with the CPU's.
   *
   * @param models the OCR models
   * @param preprocessor the backend of the preprocessing stages
   * @param paddleRuntime where PaddleOCR's models run
   */
  public static PagePipeline assemble(
      TessdataDirectory models, Preprocessor preprocessor, PaddleRuntime paddleRuntime) {
    return new PagePipeline(
        new TextExtractor(),
        new OcrEngines(models, paddleRuntime),
        preprocessor,
        new SearchablePdf(),
        new PageImageRenderer());
  }

  /** {@link #assemble(TessdataDirectory, Preprocessor, PaddleRuntime)} reading PaddleOCR on CPU. */
  public static PagePipeline assemble(TessdataDirectory models, Preprocessor preprocessor) {
    return assemble(models, preprocessor, PaddleRuntime.cpu());
  }

  /**
   * The pages of {@code file} within {@code scope}, as {@link TextExtractor#extract(Path, String,
   * ProcessingOptions, io.docgrid.tasks.document.PageRecognizer, TimeBudget, ExtractionScope)}
   * reads them, with the pages to recognise sent through the OCR stages.
   */
  public ExtractionResult extract(
      Path file,
      String mediaType,
      ProcessingOptions options,
      TimeBudget budget,
      ExtractionScope scope)
      throws DocumentProcessingException, IOException {
    return extractor.extract(
        file,
        mediaType,
        options,
        new OcrPageRecognizer(engines, preprocessor, options),
        budget,
        scope);
  }

  /** See {@link SearchablePdf#write}. */
  public void writeSearchablePdf(
      Path file, String mediaType, List<OcrLayer> layers, int imageDpi, Path target)
      throws DocumentProcessingException, IOException {
    searchablePdf.write(file, mediaType, layers, imageDpi, target);
  }

  /** See {@link PageImageRenderer#render}. */
  public byte[] renderPage(Path file, String mediaType, int page, int width, PageImageFormat format)
      throws DocumentProcessingException, IOException {
    return pageImages.render(file, mediaType, page, width, format);
  }

  /** Closes the OCR engines; the pipeline cannot recognise pages afterwards. */
  @Override
  public void close() {
    engines.close();
  }
}
