package io.docgrid.tasks.document;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to process one document: the validated form of a job's {@code options}. The password is used
 * to open the document and never stored with the job.
 */
public record ProcessingOptions(
    OcrMode ocr,
    List<String> languages,
    PageSelection pages,
    int dpi,
    Preprocess preprocess,
    String password,
    String ocrEngine)
    implements Serializable {

  public static final int MIN_DPI = 72;
  public static final int MAX_DPI = 600;
  public static final int DEFAULT_DPI = 300;

  public static final ProcessingOptions DEFAULTS =
      new ProcessingOptions(
          OcrMode.AUTO, List.of("eng"), PageSelection.ALL, DEFAULT_DPI, Preprocess.DEFAULTS, null);

  /** Text layers of every page and nothing else. */
  public static final ProcessingOptions TEXT_ONLY =
      new ProcessingOptions(
          OcrMode.OFF, List.of("eng"), PageSelection.ALL, DEFAULT_DPI, Preprocess.DEFAULTS, null);

  /** Options read by Tesseract, the default engine. */
  public ProcessingOptions(
      OcrMode ocr,
      List<String> languages,
      PageSelection pages,
      int dpi,
      Preprocess preprocess,
      String password) {
    this(ocr, languages, pages, dpi, preprocess, password, null);
  }

  public ProcessingOptions {
    Objects.requireNonNull(ocr, "ocr");
    if (ocrEngine != null) {
      // Travels as a string, not the enum: nodes of the release before know no such type.
      OcrEngineChoice.valueOf(ocrEngine.toUpperCase(Locale.ROOT));
    }
    languages = List.copyOf(languages);
    Objects.requireNonNull(pages, "pages");
    Objects.requireNonNull(preprocess, "preprocess");
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("at least one language");
    }
    if (dpi < MIN_DPI || dpi > MAX_DPI) {
      throw new IllegalArgumentException("dpi out of range: " + dpi);
    }
  }

  /** When a page is OCRed. */
  public enum OcrMode {
    /** Only pages whose text layer is missing or unusable. */
    AUTO,
    /** Every page, ignoring any text layer. */
    FORCE,
    /** Never: text layers only. */
    OFF
  }

  /**
   * Which engine reads a page: Tesseract, PaddleOCR (PP-OCRv4), or the one measured better for the
   * page's languages (docs/ocr-engines.md).
   */
  public enum OcrEngineChoice {
    TESSERACT,
    PADDLE,
    AUTO
  }

  /** The engine that reads pages; Tesseract when {@code ocrEngine} was not sent. */
  public OcrEngineChoice engine() {
    return ocrEngine == null
        ? OcrEngineChoice.TESSERACT
        : OcrEngineChoice.valueOf(ocrEngine.toUpperCase(Locale.ROOT));
  }

  /** These options read by {@code engine}; Tesseract, the default, is not sent. */
  public ProcessingOptions withEngine(OcrEngineChoice engine) {
    String name =
        engine == OcrEngineChoice.TESSERACT ? null : engine.name().toLowerCase(Locale.ROOT);
    return new ProcessingOptions(ocr, languages, pages, dpi, preprocess, password, name);
  }

  /** Which preprocessing steps run before OCR. */
  public record Preprocess(boolean deskew, boolean binarize, boolean orientation)
      implements Serializable {
    public static final Preprocess DEFAULTS = new Preprocess(true, true, true);
  }

  public ProcessingOptions withPages(PageSelection selection) {
    return new ProcessingOptions(ocr, languages, selection, dpi, preprocess, password, ocrEngine);
  }

  @Override
  public String toString() {
    return "ProcessingOptions[ocr="
        + ocr
        + ", languages="
        + languages
        + ", pages="
        + pages
        + ", dpi="
        + dpi
        + ", preprocess="
        + preprocess
        + ", password="
        + (password == null ? "none" : "<redacted>")
        + ", ocrEngine="
        + ocrEngine
        + "]";
  }
}
