package io.docgrid.tasks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrEngineChoice;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import io.docgrid.tasks.document.ProcessingOptions.Preprocess;
import io.docgrid.tasks.document.Stage;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.ocr.paddle.PaddleRuntime;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.testkit.CharacterErrorRate;
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

/** The pipeline reads with the engine the options choose. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaddlePipelineTest {

  private TessdataDirectory models;
  private PagePipeline pipeline;

  @BeforeAll
  void assemble(@TempDir Path directory) {
    models = TessdataDirectory.install(directory);
    pipeline = PagePipeline.assemble(models, new CpuPreprocessor());
  }

  @AfterAll
  void close() {
    pipeline.close();
  }

  @Test
  void paddle_reads_skewed_noisy_scans_after_orientation_and_deskew(@TempDir Path directory)
      throws Exception {
    // Seed 6 once read as nothing: the angle classifier took the deskewed page for upside down.
    for (int seed = 1; seed <= 8; seed++) {
      Path scan = directory.resolve("scan-" + seed + ".png");
      Files.write(scan, TestPages.png(TestPages.scan(1.5, 15, new Random(seed))));

      PageText page = firstPage(scan, OcrEngineChoice.PADDLE, List.of("eng"));

      assertThat(CharacterErrorRate.of(TestPages.invoiceText(), page.text()))
          .as("seed %d: %s", seed, page.text())
          .isLessThan(0.02);
      // Sauvola is Tesseract's: PaddleOCR's models read the gray page.
      assertThat(page.timingsMillis()).containsKeys(Stage.DESKEW.wireName(), "ocr");
      assertThat(page.timingsMillis()).doesNotContainKey(Stage.BINARIZE.wireName());
    }
  }

  @Test
  void auto_takes_tesseract_where_it_has_the_languages_and_paddle_for_chinese_it_lacks() {
    OcrEngines engines = new OcrEngines(models, PaddleRuntime.cpu());

    assertThat(engines.engineFor(OcrEngineChoice.AUTO, List.of("eng")))
        .isEqualTo(OcrEngineChoice.TESSERACT);
    assertThat(engines.engineFor(OcrEngineChoice.AUTO, List.of("chi_sim", "eng")))
        .isEqualTo(OcrEngineChoice.PADDLE);
    assertThat(engines.engineFor(OcrEngineChoice.AUTO, List.of("deu")))
        .isEqualTo(OcrEngineChoice.TESSERACT);
    assertThat(engines.engineFor(OcrEngineChoice.PADDLE, List.of("eng")))
        .isEqualTo(OcrEngineChoice.PADDLE);
  }

  @Test
  void paddle_refuses_languages_its_model_cannot_read(@TempDir Path directory) throws Exception {
    Path scan = directory.resolve("scan.png");
    Files.write(scan, TestPages.png(TestPages.scan(0, 0, new Random(1))));

    assertThatThrownBy(() -> firstPage(scan, OcrEngineChoice.PADDLE, List.of("deu")))
        .isInstanceOfSatisfying(
            DocumentProcessingException.class,
            e -> {
              assertThat(e.code()).isEqualTo(DocumentErrorCode.OCR_LANGUAGE_UNAVAILABLE);
              assertThat(e.getMessage()).contains("deu", "tesseract");
            });
  }

  private PageText firstPage(Path scan, OcrEngineChoice engine, List<String> languages)
      throws Exception {
    ProcessingOptions options =
        new ProcessingOptions(
                OcrMode.AUTO, languages, PageSelection.ALL, 300, Preprocess.DEFAULTS, null)
            .withEngine(engine);
    ExtractedDocument document =
        (ExtractedDocument)
            pipeline.extract(
                scan, "image/png", options, TimeBudget.UNLIMITED, ExtractionScope.EVERYTHING);
    return document.pages().get(0);
  }
}
