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
    // The streaming (SAX) extractor for DOCX: POI's default builds the whole document tree first,
    // so a compression bomb exhausts the heap before the text limit can stop it. Not for PPTX:
    // Tika's SAX PPTX extractor emits slides in the order of their relationship ids as strings
    // (rId10 before rId2), which scrambles any deck of ten slides or more. Slide parts are small,
    // POI's ZipSecureFile still refuses compression bombs, and extraction runs in a child JVM.
    OfficeParserConfig office = new OfficeParserConfig();
    office.setUseSAXDocxExtractor(true);
    office.setUseSAXPptxExtractor(false);
    // Master slides hold layout placeholders ("Click to edit Master title style"), not content.
    office.setIncludeSlideMasterContent(false);
    context.set(OfficeParserConfig.class, office);
    // Tika would run a tesseract command it finds on the PATH over embedded images: never.
    TesseractOCRConfig noExternalOcr = new TesseractOCRConfig();
    noExternalOcr.setSkipOcr(true);
    context.set(TesseractOCRConfig.class, noExternalOcr);
    return context;
  }
}
