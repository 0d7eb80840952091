package io.docgrid.tasks.pipeline;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.PageOcr;
import io.docgrid.tasks.document.PageRecognizer;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrEngineChoice;
import io.docgrid.tasks.document.Stage;
import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.ocr.OcrDeadlineExceededException;
import io.docgrid.tasks.ocr.OcrPage;
import io.docgrid.tasks.ocr.Orientation;
import io.docgrid.tasks.ocr.PageReader;
import io.docgrid.tasks.preprocess.PreprocessedPage;
import io.docgrid.tasks.preprocess.PreprocessingPipeline;
import io.docgrid.tasks.preprocess.Preprocessor;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OCR of one page image: grayscale → orientation (quarter turns, Tesseract OSD) → deskew → Sauvola
 * binarisation → the job's OCR engine (Tesseract or PaddleOCR), each step switchable by the job's
 * options and timed.
 */
public final class OcrPageRecognizer implements PageRecognizer {

  /** OSD below this confidence is a guess; a wrong quarter turn ruins a page, so keep it as is. */
  static final float MIN_ORIENTATION_CONFIDENCE = 2.0f;

  private final OcrEngines engines;
  private final ProcessingOptions options;
  private final PreprocessingPipeline preprocessing;

  public OcrPageRecognizer(
      OcrEngines engines, Preprocessor preprocessor, ProcessingOptions options) {
    this.engines = engines;
    this.options = options;
    // PaddleOCR's models were trained on gray images: after Sauvola, the angle classifier took
    // the lines of a deskewed 2-degree scan for upside down (CER 0.98; read right in gray).
    boolean binarize =
        options.preprocess().binarize()
            && engines.engineFor(options.engine(), options.languages())
                == OcrEngineChoice.TESSERACT;
    this.preprocessing =
        new PreprocessingPipeline(preprocessor, options.preprocess().deskew(), binarize);
  }

  @Override
  public PageText recognise(int number, BufferedImage image, int dpi, int millisAllowed)
      throws DocumentProcessingException {
    Map<String, Long> timings = new LinkedHashMap<>();
    long pageStarted = System.nanoTime();
    long started = pageStarted;
    GrayImage page = GrayImage.of(image);
    timings.put(Stage.GRAYSCALE.wireName(), millisSince(started));

    PageReader engine = engines.reader(options.engine(), options.languages());
    int rotation = 0;
    if (options.preprocess().orientation()) {
      started = System.nanoTime();
      Orientation orientation =
          engines.forOrientation(options.languages()).detectOrientation(page, dpi);
      if (orientation.confidence() >= MIN_ORIENTATION_CONFIDENCE) {
        rotation = orientation.rotateDegrees();
        page = QuarterTurns.clockwise(page, rotation);
      }
      timings.put(Stage.ORIENTATION.wireName(), millisSince(started));
    }

    PreprocessedPage preprocessed = preprocessing.run(page);
    preprocessed.stageNanos().forEach((stage, nanos) -> timings.put(stage, nanos / 1_000_000));

    started = System.nanoTime();
    // What preprocessing used is gone from the page's budget; Tesseract gets the rest.
    int left = (int) Math.max(1, millisAllowed - millisSince(pageStarted));
    OcrPage ocr;
    try {
      ocr = engine.recognise(preprocessed.image(), dpi, left);
    } catch (OcrDeadlineExceededException e) {
      throw new DocumentProcessingException(
          DocumentErrorCode.PROCESSING_TIMEOUT,
          "Page " + number + " took longer than its " + millisAllowed + " ms to recognise.",
          null);
    }
    timings.put(Stage.OCR.wireName(), millisSince(started));

    return new PageText(
        number,
        ocr.text(),
        PageText.OCR,
        new PageOcr(
            ocr.minConfidence(),
            ocr.meanConfidence(),
            ocr.words().stream()
                .map(
                    word ->
                        new PageOcr.Word(
                            word.text(),
                            word.left(),
                            word.top(),
                            word.width(),
                            word.height(),
                            word.confidence()))
                .toList(),
            preprocessed.skewDegrees(),
            rotation,
            dpi,
            ocr.hocr()),
        timings);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
