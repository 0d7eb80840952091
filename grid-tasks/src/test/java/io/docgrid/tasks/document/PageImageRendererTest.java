package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.TestPages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageImageRendererTest {

  private static final String PDF = "application/pdf";

  private final PageImageRenderer renderer = new PageImageRenderer();

  @TempDir Path temp;

  @Test
  void a_pdf_page_is_rendered_at_the_width_asked_for_in_its_proportions() throws Exception {
    // 2000 × 1400 pixels drawn at 300 dpi: a page of 480 × 336 points.
    Path pdf = write("scan.pdf", TestPages.scannedPdf(List.of(TestPages.text())));

    BufferedImage image = TestPages.decoded(renderer.render(pdf, PDF, 1, 700, PageImageFormat.PNG));

    assertThat(image.getWidth()).isEqualTo(700);
    assertThat(image.getHeight()).isBetween(489, 491);
    assertShowsText(image);
  }

  @Test
  void a_turned_pdf_page_is_rendered_as_it_is_shown() throws Exception {
    // An A4 portrait page each, turned by /Rotate 90, 180, 270 and 360.
    Path pdf = Corpus.dev("pypdf__habibi-rotated.pdf");

    BufferedImage landscape =
        TestPages.decoded(renderer.render(pdf, PDF, 1, 842, PageImageFormat.PNG));
    BufferedImage portrait =
        TestPages.decoded(renderer.render(pdf, PDF, 2, 595, PageImageFormat.PNG));

    assertThat(landscape.getWidth()).isEqualTo(842);
    assertThat(landscape.getHeight()).isBetween(594, 596);
    assertThat(portrait.getWidth()).isEqualTo(595);
    assertThat(portrait.getHeight()).isBetween(841, 843);
  }

  @Test
  void every_width_in_bounds_comes_out_exactly() throws Exception {
    Path pdf = Corpus.dev("pypdf__habibi-rotated.pdf");

    for (int width : List.of(100, 333, 999, 1000, 1777, 2000)) {
      assertThat(
              TestPages.decoded(renderer.render(pdf, PDF, 4, width, PageImageFormat.PNG))
                  .getWidth())
          .as("width %d", width)
          .isEqualTo(width);
    }
  }

  @Test
  void a_tiff_frame_is_scaled_to_the_width_and_a_gray_scan_stays_gray() throws Exception {
    BufferedImage first = TestPages.text();
    BufferedImage second = TestPages.a4();
    Path tiff = write("scan.tiff", TestPages.tiff(List.of(first, second)));

    BufferedImage image =
        TestPages.decoded(renderer.render(tiff, "image/tiff", 2, 620, PageImageFormat.PNG));

    assertThat(image.getWidth()).isEqualTo(620);
    assertThat(image.getHeight())
        .isEqualTo((int) Math.round(620.0 * second.getHeight() / second.getWidth()));
    assertThat(image.getColorModel().getNumComponents()).isEqualTo(1);
    assertShowsText(image);
  }

  @Test
  void a_photograph_is_drawn_as_a_jpeg() throws Exception {
    Path photo = Corpus.dev("pypdf__image.jpg");

    byte[] encoded = renderer.render(photo, "image/jpeg", 1, 450, PageImageFormat.JPEG);

    assertThat(encoded).startsWith(0xFF, 0xD8, 0xFF);
    assertThat(TestPages.decoded(encoded).getWidth()).isEqualTo(450);
    assertThat(PageImageFormat.forDocument("image/jpeg")).isEqualTo(PageImageFormat.JPEG);
    assertThat(PageImageFormat.forDocument(PDF)).isEqualTo(PageImageFormat.PNG);
  }

  @Test
  void a_page_past_the_end_is_not_found() throws Exception {
    Path pdf = write("two.pdf", TestPages.scannedPdf(List.of(TestPages.text(), TestPages.text())));
    Path tiff = write("two.tiff", TestPages.tiff(List.of(TestPages.text(), TestPages.text())));

    DocumentProcessingException pdfFailure = failure(pdf, PDF, 3);
    DocumentProcessingException tiffFailure = failure(tiff, "image/tiff", 3);

    assertThat(pdfFailure.code()).isEqualTo(DocumentErrorCode.PAGE_NOT_FOUND);
    assertThat(pdfFailure.getMessage()).contains("Page 3", "which has 2 pages");
    assertThat(tiffFailure.code()).isEqualTo(DocumentErrorCode.PAGE_NOT_FOUND);
  }

  @Test
  void a_page_that_would_be_too_tall_is_refused_before_it_is_drawn() throws Exception {
    Path ribbon = temp.resolve("ribbon.pdf");
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage(new PDRectangle(10, 2000)));
      document.save(ribbon.toFile());
    }

    DocumentProcessingException refused = failure(ribbon, PDF, 1);

    assertThat(refused.code()).isEqualTo(DocumentErrorCode.IMAGE_TOO_LARGE);
    assertThat(refused.getMessage()).contains("Ask for a narrower one");
  }

  @Test
  void documents_that_cannot_be_drawn_say_why() throws Exception {
    Path text = write("notes.txt", "just text".getBytes(StandardCharsets.UTF_8));
    Path encrypted = Corpus.dev("pdfbox__PasswordSample-128bit.pdf");
    Path damaged = write("cut.pdf", new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4'});

    assertThat(failure(text, "text/plain", 1).code())
        .isEqualTo(DocumentErrorCode.UNSUPPORTED_MEDIA_TYPE);
    assertThat(failure(encrypted, PDF, 1).code()).isEqualTo(DocumentErrorCode.DOCUMENT_ENCRYPTED);
    assertThat(failure(damaged, PDF, 1).code()).isEqualTo(DocumentErrorCode.DOCUMENT_CORRUPT);
  }

  private DocumentProcessingException failure(Path file, String mediaType, int page) {
    return catchThrowableOfType(
        DocumentProcessingException.class,
        () -> renderer.render(file, mediaType, page, 2000, PageImageFormat.PNG));
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(temp.resolve(name), content);
  }

  /** Mostly paper, with a share of dark pixels: text, not a blank or black page. */
  private static void assertShowsText(BufferedImage image) {
    assertThat(TestPages.darkShare(image)).as("share of dark pixels").isBetween(0.005, 0.5);
  }
}
