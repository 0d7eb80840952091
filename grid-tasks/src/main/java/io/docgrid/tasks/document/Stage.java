package io.docgrid.tasks.document;

/**
 * The stages a page passes through, declared in the order they run. Their wire names are the keys
 * of a page's {@code timingsMillis} in the result (docs/result-schema.md) and the {@code stage}
 * label of the preprocessing metrics, so they are a contract: add stages, never rename one.
 *
 * <p>It lives here, beside {@link PageText}, because every package of the pipeline names its stages
 * with it and this one depends on none of them.
 */
public enum Stage {
  /** Reading a PDF page's own text. */
  TEXT_LAYER("textLayer"),
  /** Rasterising a PDF page that needs OCR. */
  RENDER("render"),
  /** Decoding an image frame: an image document's counterpart of {@link #RENDER}. */
  DECODE("decode"),
  GRAYSCALE("grayscale"),
  /** Quarter turns, from Tesseract's orientation detection. */
  ORIENTATION("orientation"),
  /** Skew estimate and the rotation that straightens it. */
  DESKEW("deskew"),
  /** Sauvola binarisation. */
  BINARIZE("binarize"),
  OCR("ocr");

  private final String wireName;

  Stage(String wireName) {
    this.wireName = wireName;
  }

  /** The name results and metrics show. */
  public String wireName() {
    return wireName;
  }
}
