package io.docgrid.tasks.document;

import java.io.Serializable;
import java.util.List;
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
    String password)
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

  public ProcessingOptions {
    Objects.requireNonNull(ocr, "ocr");
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

  /** Which preprocessing steps run before OCR. */
  public record Preprocess(boolean deskew, boolean binarize, boolean orientation)
      implements Serializable {
    public static final Preprocess DEFAULTS = new Preprocess(true, true, true);
  }

  public ProcessingOptions withPages(PageSelection selection) {
    return new ProcessingOptions(ocr, languages, selection, dpi, preprocess, password);
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
        + "]";
  }
}
