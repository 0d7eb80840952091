package io.docgrid.tasks.document;

import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;

/** How DocGrid configures Tika's parsers; tests use it to compare with Tika called directly. */
public final class TikaSettings {

  private TikaSettings() {}

  /** A fresh parse context with DocGrid's settings. */
  public static ParseContext parseContext() {
    ParseContext context = new ParseContext();
    // Streaming (SAX) extractors for OOXML: POI's default builds the whole document tree first, so
    // a compression bomb exhausts the heap before the text limit can stop it.
    OfficeParserConfig office = new OfficeParserConfig();
    office.setUseSAXDocxExtractor(true);
    office.setUseSAXPptxExtractor(true);
    context.set(OfficeParserConfig.class, office);
    // Tika would run a tesseract command it finds on the PATH over embedded images: never.
    TesseractOCRConfig noExternalOcr = new TesseractOCRConfig();
    noExternalOcr.setSkipOcr(true);
    context.set(TesseractOCRConfig.class, noExternalOcr);
    return context;
  }
}
