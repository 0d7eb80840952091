package io.docgrid.tasks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.document.DocumentFacts;
import io.docgrid.tasks.document.ExtractionResult;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import io.docgrid.tasks.document.ProcessingOptions.Preprocess;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.TestPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run's scope: a PDF is counted, never read page by page, and the pages its OCR mode would
 * send to OCR are counted as extraction would decide them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountOnlyScopeTest {

  private PagePipeline pipeline;
  private Path scans;

  @BeforeAll
  void assemble(@TempDir Path temp) throws Exception {
    pipeline =
        PagePipeline.assemble(
            TessdataDirectory.install(temp.resolve("models")), new CpuPreprocessor());
    Random random = new Random(7);
    scans =
        Files.write(
            temp.resolve("scans.pdf"),
            TestPages.scannedPdf(
                List.of(TestPages.scan(0, 0, random), TestPages.scan(0, 0, random))));
  }

  @AfterAll
  void close() {
    pipeline.close();
  }

  private DocumentFacts count(Path pdf, OcrMode ocr, String pages) throws Exception {
    ProcessingOptions options =
        new ProcessingOptions(
            ocr, List.of("eng"), PageSelection.parse(pages), 300, Preprocess.DEFAULTS, null);
    ExtractionResult result =
        pipeline.extract(
            pdf, "application/pdf", options, TimeBudget.UNLIMITED, ExtractionScope.countOnly(50));
    assertThat(result).as("only counted, no page read").isInstanceOf(DocumentFacts.class);
    return (DocumentFacts) result;
  }

  @Test
  void a_born_digital_pdf_needs_no_ocr_unless_forced() throws Exception {
    Path text = Corpus.dev("pypdf__pdflatex-4-pages.pdf");

    assertThat(count(text, OcrMode.AUTO, ""))
        .isEqualTo(new DocumentFacts("application/pdf", 4, 4, false, 0));
    assertThat(count(text, OcrMode.FORCE, "1-2").pagesToOcr()).isEqualTo(2);
  }

  @Test
  void scanned_pages_would_be_ocred_unless_ocr_is_off() throws Exception {
    assertThat(count(scans, OcrMode.AUTO, ""))
        .isEqualTo(new DocumentFacts("application/pdf", 2, 2, false, 2));
    assertThat(count(scans, OcrMode.AUTO, "2").pagesToOcr()).isEqualTo(1);
    assertThat(count(scans, OcrMode.OFF, "").pagesToOcr()).isZero();
  }
}
