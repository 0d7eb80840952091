package io.docgrid.node;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.sax.BodyContentHandler;

/** What PDFBox and Tika extract from a file when called directly: the expected answers. */
final class DirectExtraction {

  private DirectExtraction() {}

  static List<String> pdfPages(Path file) throws Exception {
    try (PDDocument document = Loader.loadPDF(file.toFile())) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(false);
      List<String> pages = new ArrayList<>();
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        pages.add(normalise(stripper.getText(document)));
      }
      return pages;
    }
  }

  static String tikaText(Path file) throws Exception {
    BodyContentHandler handler = new BodyContentHandler(-1);
    try (InputStream in = Files.newInputStream(file)) {
      new AutoDetectParser()
          .parse(
              in, handler, new Metadata(), io.docgrid.tasks.document.TikaSettings.parseContext());
    }
    return normalise(handler.toString());
  }

  private static String normalise(String text) {
    return text.replace("\r\n", "\n").stripTrailing();
  }
}
