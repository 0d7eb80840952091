package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.document.Stage;
import io.docgrid.tasks.image.GrayImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the preprocessing stages on one gray page: skew estimate and rotation ({@link
 * Stage#DESKEW}), then Sauvola binarisation ({@link Stage#BINARIZE}), each optional and timed.
 * Orientation (90° turns) is not done here: OCR detects it.
 */
public final class PreprocessingPipeline {

  /**
   * Skews smaller than this are left alone: rotating resamples every pixel and softens the glyphs
   * for a tilt that OCR does not notice.
   */
  public static final double MIN_DESKEW_DEGREES = 0.1;

  private final Preprocessor preprocessor;
  private final boolean deskew;
  private final boolean binarize;
  private final SauvolaParameters sauvola;

  public PreprocessingPipeline(Preprocessor preprocessor, boolean deskew, boolean binarize) {
    this(preprocessor, deskew, binarize, SauvolaParameters.DEFAULTS);
  }

  public PreprocessingPipeline(
      Preprocessor preprocessor, boolean deskew, boolean binarize, SauvolaParameters sauvola) {
    this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
    this.deskew = deskew;
    this.binarize = binarize;
    this.sauvola = Objects.requireNonNull(sauvola, "sauvola");
  }

  public PreprocessedPage run(GrayImage page) {
    Objects.requireNonNull(page, "page");
    Map<String, Long> stageNanos = new LinkedHashMap<>();
    GrayImage image = page;
    double skew = 0.0;
    boolean deskewed = false;
    if (deskew) {
      long start = System.nanoTime();
      skew = preprocessor.estimateSkewDegrees(image);
      if (Math.abs(skew) >= MIN_DESKEW_DEGREES) {
        image = preprocessor.rotate(image, -skew);
        deskewed = true;
      }
      stageNanos.put(Stage.DESKEW.wireName(), System.nanoTime() - start);
    }
    if (binarize) {
      long start = System.nanoTime();
      image = preprocessor.binarize(image, sauvola);
      stageNanos.put(Stage.BINARIZE.wireName(), System.nanoTime() - start);
    }
    return new PreprocessedPage(image, skew, deskewed, binarize, stageNanos);
  }
}
