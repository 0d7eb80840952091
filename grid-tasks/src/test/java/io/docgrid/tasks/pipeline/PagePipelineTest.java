package io.docgrid.tasks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import io.docgrid.tasks.document.ProcessingOptions.Preprocess;
import io.docgrid.tasks.document.Stage;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.testkit.Corpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The assembled pipeline runs a page through its stages in the order it lists them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagePipelineTest {

  private PagePipeline pipeline;

  @BeforeAll
  void assemble(@TempDir Path models) {
    pipeline = PagePipeline.assemble(TessdataDirectory.install(models), new CpuPreprocessor());
  }

  @AfterAll
  void close() {
    pipeline.close();
  }

  private PageText firstPageRecognised(Preprocess preprocess) throws Exception {
    ProcessingOptions options =
        new ProcessingOptions(
            OcrMode.FORCE, List.of("eng"), PageSelection.parse("1"), 100, preprocess, null);
    ExtractedDocument document =
        (ExtractedDocument)
            pipeline.extract(
                Corpus.dev("pypdf__pdflatex-4-pages.pdf"),
                "application/pdf",
                options,
                TimeBudget.UNLIMITED,
                ExtractionScope.EVERYTHING);
    return document.pages().get(0);
  }

  @Test
  void a_recognised_pdf_page_is_timed_by_each_stage_it_ran_in_the_pipelines_order()
      throws Exception {
    PageText page = firstPageRecognised(Preprocess.DEFAULTS);

    assertThat(page.source()).isEqualTo(PageText.OCR);
    assertThat(page.timingsMillis().keySet())
        .containsExactlyElementsOf(
            PagePipeline.STAGES.stream()
                .filter(stage -> stage != Stage.DECODE)
                .map(Stage::wireName)
                .toList());
  }

  @Test
  void stages_the_options_switch_off_are_not_timed() throws Exception {
    PageText page = firstPageRecognised(new Preprocess(false, false, false));

    assertThat(page.timingsMillis().keySet())
        .containsExactly(
            Stage.TEXT_LAYER.wireName(),
            Stage.RENDER.wireName(),
            Stage.GRAYSCALE.wireName(),
            Stage.OCR.wireName());
  }
}
