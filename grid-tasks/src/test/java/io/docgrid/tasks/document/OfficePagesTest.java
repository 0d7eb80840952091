package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Presentations come back slide by slide, spreadsheets sheet by sheet, in their own order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficePagesTest {

  private static final String PPTX =
      "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  private static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final int SLIDES = 12;

  private final TextExtractor extractor = new TextExtractor();
  private final DocumentTypeDetector detector = new DocumentTypeDetector();
  private Path deck;
  private Path workbook;

  @BeforeAll
  void writeDocuments(@TempDir Path temp) throws IOException {
    deck = writeDeck(temp.resolve("deck.pptx"));
    workbook = writeWorkbook(temp.resolve("book.xlsx"));
  }

  @Test
  void a_deck_of_twelve_slides_is_twelve_pages_in_slide_order_with_their_notes() throws Exception {
    assertThat(detector.detect(deck)).isEqualTo(PPTX);

    ExtractedDocument extracted = extractor.extract(deck, PPTX);

    assertThat(extracted.pageCount()).isEqualTo(SLIDES);
    assertThat(extracted.pages()).hasSize(SLIDES);
    for (int number = 1; number <= SLIDES; number++) {
      PageText page = extracted.pages().get(number - 1);
      assertThat(page.number()).isEqualTo(number);
      assertThat(page.text())
          .contains("Slide number " + number + " says hello")
          .doesNotContain("Slide number " + (number % SLIDES + 1) + " says");
      assertThat(page.markdown()).contains("Slide number " + number + " says hello");
    }
    assertThat(extracted.pages().get(2).text()).contains("Speaker note for slide 3");
    assertThat(String.join("\n", extracted.pages().stream().map(PageText::text).toList()))
        .doesNotContain("Click to edit");
  }

  @Test
  void the_pages_option_selects_slides() throws Exception {
    ProcessingOptions options =
        new ProcessingOptions(
            ProcessingOptions.TEXT_ONLY.ocr(),
            ProcessingOptions.TEXT_ONLY.languages(),
            PageSelection.parse("2-3,11"),
            ProcessingOptions.TEXT_ONLY.dpi(),
            ProcessingOptions.TEXT_ONLY.preprocess(),
            ProcessingOptions.TEXT_ONLY.password());

    ExtractedDocument extracted =
        extractor.extract(deck, PPTX, options, PageRecognizer.NONE, TimeBudget.UNLIMITED);

    assertThat(extracted.pageCount()).isEqualTo(SLIDES);
    assertThat(extracted.pages()).extracting(PageText::number).containsExactly(2, 3, 11);
    assertThat(extracted.pages().get(2).text()).contains("Slide number 11 says hello");
  }

  @Test
  void a_deck_with_more_slides_than_the_page_limit_is_refused() {
    ExtractionLimits limits =
        new ExtractionLimits(
            SLIDES - 1,
            ExtractionLimits.DEFAULTS.maxPixels(),
            ExtractionLimits.DEFAULTS.maxCharacters());

    DocumentProcessingException failure =
        catchThrowableOfType(
            DocumentProcessingException.class, () -> new TextExtractor(limits).extract(deck, PPTX));

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(DocumentErrorCode.TOO_MANY_PAGES);
  }

  @Test
  void a_workbook_is_one_page_per_sheet_with_its_name_and_cells() throws Exception {
    assertThat(detector.detect(workbook)).isEqualTo(XLSX);

    ExtractedDocument extracted = extractor.extract(workbook, XLSX);

    assertThat(extracted.pages()).hasSize(2);
    assertThat(extracted.pages().get(0).text()).contains("Revenue", "North", "1200");
    assertThat(extracted.pages().get(0).text()).doesNotContain("Headcount");
    assertThat(extracted.pages().get(1).text()).contains("Headcount", "Engineering", "42");
    assertThat(extracted.pages().get(0).markdown())
        .contains("# Revenue")
        .contains("| North | 1200 |");
  }

  @Test
  void the_binary_formats_of_older_office_versions_are_paged_the_same_way(@TempDir Path temp)
      throws Exception {
    Path slides = temp.resolve("old.ppt");
    try (HSLFSlideShow show = new HSLFSlideShow();
        OutputStream out = Files.newOutputStream(slides)) {
      for (int number = 1; number <= 3; number++) {
        show.createSlide().createTextBox().setText("Old slide " + number);
      }
      show.write(out);
    }
    Path sheets = temp.resolve("old.xls");
    try (HSSFWorkbook book = new HSSFWorkbook();
        OutputStream out = Files.newOutputStream(sheets)) {
      book.createSheet("First").createRow(0).createCell(0).setCellValue("first value");
      book.createSheet("Second").createRow(0).createCell(0).setCellValue("second value");
      book.write(out);
    }

    ExtractedDocument presentation = extractor.extract(slides, detector.detect(slides));
    ExtractedDocument workbook = extractor.extract(sheets, detector.detect(sheets));

    assertThat(presentation.pages())
        .extracting(page -> page.text().strip())
        .containsExactly("Old slide 1", "Old slide 2", "Old slide 3");
    assertThat(workbook.pages()).hasSize(2);
    assertThat(workbook.pages().get(1).text()).contains("Second", "second value");
  }

  @Test
  void a_compression_bomb_disguised_as_a_slide_is_too_complex(@TempDir Path temp) throws Exception {
    Path bomb = temp.resolve("bomb.pptx");
    replaceEntry(deck, bomb, "ppt/slides/slide1.xml", 64 << 20);

    DocumentProcessingException failure =
        catchThrowableOfType(
            DocumentProcessingException.class, () -> extractor.extract(bomb, PPTX));

    assertThat(failure).isNotNull();
    assertThat(failure.code())
        .as(failure.causeSummary().orElse(""))
        .isEqualTo(DocumentErrorCode.DOCUMENT_TOO_COMPLEX);
    // Stopped before a parser builds the slide in memory: a larger one exhausted the heap.
    assertThat(failure.causeSummary())
        .hasValueSatisfying(
            cause -> assertThat(cause).contains("zip bomb", "ppt/slides/slide1.xml"));
  }

  private static Path writeDeck(Path file) throws IOException {
    try (XMLSlideShow show = new XMLSlideShow();
        OutputStream out = Files.newOutputStream(file)) {
      for (int number = 1; number <= SLIDES; number++) {
        XSLFSlide slide = show.createSlide();
        slide.createTextBox().setText("Slide number " + number + " says hello");
        if (number == 3) {
          XSLFNotes notes = show.getNotesSlide(slide);
          for (XSLFTextShape shape : notes.getPlaceholders()) {
            if (shape.getTextType() == Placeholder.BODY) {
              shape.setText("Speaker note for slide 3");
            } else {
              shape.clearText();
            }
          }
        }
      }
      show.write(out);
    }
    return file;
  }

  private static Path writeWorkbook(Path file) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      XSSFSheet revenue = book.createSheet("Revenue");
      XSSFRow row = revenue.createRow(0);
      row.createCell(0).setCellValue("North");
      row.createCell(1).setCellValue(1200);
      XSSFSheet headcount = book.createSheet("Headcount");
      XSSFRow staff = headcount.createRow(0);
      staff.createCell(0).setCellValue("Engineering");
      staff.createCell(1).setCellValue(42);
      book.write(out);
    }
    return file;
  }

  /**
   * A copy of {@code source} whose entry {@code name} is a valid slide of {@code spaces} blanks.
   */
  private static void replaceEntry(Path source, Path target, String name, int spaces)
      throws IOException {
    try (ZipFile zip = new ZipFile(source.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals(name)) {
          out.write(
              ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                      + "<p:sld xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
                      + " xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\">"
                      + "<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/>"
                      + "<p:nvPr/></p:nvGrpSpPr><p:grpSpPr/><p:sp><p:nvSpPr><p:cNvPr id=\"2\""
                      + " name=\"Text\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr/>"
                      + "<p:txBody><a:bodyPr/><a:p><a:r><a:t>")
                  .getBytes(StandardCharsets.UTF_8));
          byte[] blanks = new byte[1 << 20];
          Arrays.fill(blanks, (byte) ' ');
          for (int written = 0; written < spaces; written += blanks.length) {
            out.write(blanks);
          }
          out.write(
              "</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
                  .getBytes(StandardCharsets.UTF_8));
        } else {
          try (InputStream in = zip.getInputStream(entry)) {
            in.transferTo(out);
          }
        }
        out.closeEntry();
      }
    }
  }
}
