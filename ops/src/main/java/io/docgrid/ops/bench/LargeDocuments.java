package io.docgrid.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The long documents of the memory benchmark: a born-digital PDF of many text pages, and a scanned
 * PDF whose pages are the page images of {@code ocr-dev}, over and over, each drawn full-page.
 *
 * <p>Arguments: {@code corpus-dir target-dir text-pages scanned-pages}.
 */
public final class LargeDocuments {

  private LargeDocuments() {}

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path target = Files.createDirectories(Path.of(args[1]));
    int textPages = Integer.parseInt(args[2]);
    int scannedPages = Integer.parseInt(args[3]);
    bornDigital(target.resolve("born-digital-" + textPages + ".pdf"), textPages);
    scanned(
        corpus.resolve("ocr-dev"),
        target.resolve("scanned-" + scannedPages + ".pdf"),
        scannedPages);
  }

  private static void bornDigital(Path pdf, int pages) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
      for (int number = 1; number <= pages; number++) {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream text = new PDPageContentStream(document, page)) {
          text.beginText();
          text.setFont(font, 11);
          text.setLeading(14);
          text.newLineAtOffset(56, 780);
          for (int line = 1; line <= 50; line++) {
            text.showText(
                "Page "
                    + number
                    + ", line "
                    + line
                    + ": the quick brown fox jumps over the lazy dog, again and again.");
            text.newLine();
          }
          text.endText();
        }
      }
      document.save(pdf.toFile());
    }
  }

  private static void scanned(Path pages, Path pdf, int count) throws IOException {
    List<Path> images;
    try (var files = Files.list(pages)) {
      images = files.filter(f -> f.toString().matches(".*\\.(png|jpg)$")).sorted().toList();
    }
    try (PDDocument document = new PDDocument()) {
      // Each image is stored once and drawn on every page it recurs on: the pages are rendered
      // and OCRed one by one all the same, and the file stays under the upload limit.
      List<PDImageXObject> pictures = new java.util.ArrayList<>();
      for (Path image : images) {
        pictures.add(PDImageXObject.createFromFile(image.toString(), document));
      }
      for (int number = 0; number < count; number++) {
        PDImageXObject image = pictures.get(number % pictures.size());
        // Scanned at 300 dpi: the page is the image's size at that resolution.
        PDRectangle box =
            new PDRectangle(image.getWidth() * 72f / 300, image.getHeight() * 72f / 300);
        PDPage page = new PDPage(box);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.drawImage(image, 0, 0, box.getWidth(), box.getHeight());
        }
      }
      document.save(pdf.toFile());
    }
  }
}
