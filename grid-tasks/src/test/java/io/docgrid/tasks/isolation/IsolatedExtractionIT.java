package io.docgrid.tasks.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.PageImageFormat;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import io.docgrid.tasks.document.TextExtractor;
import io.docgrid.tasks.extraction.InProcessExtraction;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.pipeline.PagePipeline;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.ExtractionJvmOptions;
import io.docgrid.testkit.TestPages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child JVMs: they extract what the node would, and a document that hangs or exhausts a
 * child's heap fails alone while the next document is served by a fresh child.
 */
class IsolatedExtractionIT {

  private static final String PDF = "application/pdf";

  /** Rendering a page at 600 dpi needs far more than 64 MB of heap. */
  private static final ProcessingOptions GREEDY =
      new ProcessingOptions(
          OcrMode.FORCE,
          List.of("eng"),
          PageSelection.parse("1"),
          600,
          ProcessingOptions.Preprocess.DEFAULTS,
          null);

  @TempDir Path models;

  private IsolatedExtraction extraction(String heap, Duration hardLimit) {
    return extraction(heap, 1, hardLimit);
  }

  private IsolatedExtraction extraction(String heap, int documentsAtOnce, Duration hardLimit) {
    return extraction(heap, documentsAtOnce, hardLimit, List.of());
  }

  private IsolatedExtraction extraction(
      String heap, int documentsAtOnce, Duration hardLimit, List<String> jvmOptions) {
    return extraction(heap, documentsAtOnce, Duration.ofMinutes(1), hardLimit, jvmOptions);
  }

  private IsolatedExtraction extraction(
      String heap,
      int documentsAtOnce,
      Duration pageBudget,
      Duration hardLimit,
      List<String> jvmOptions) {
    List<String> options = new ArrayList<>(ExtractionJvmOptions.fromBuild());
    options.addAll(jvmOptions);
    return new IsolatedExtraction(
        new IsolationSettings(
            Path.of(System.getProperty("java.home"), "bin", "java"),
            System.getProperty("java.class.path"),
            TessdataDirectory.install(models).path(),
            heap,
            options,
            1,
            documentsAtOnce,
            Duration.ofMinutes(1),
            pageBudget,
            hardLimit,
            "test-node"));
  }

  @Test
  void children_start_with_the_extra_jvm_options(@TempDir Path logs) throws Exception {
    // A JVM opens its unified log file as it starts: the file is the option's trace.
    Path gcLog = logs.resolve("child-gc.log");
    try (IsolatedExtraction isolated =
        extraction("256m", 1, Duration.ofMinutes(2), List.of("-Xlog:gc:file=" + gcLog))) {
      ExtractedDocument extracted =
          isolated.extract(
              Corpus.dev("pypdf__pdflatex-4-pages.pdf"), PDF, ProcessingOptions.TEXT_ONLY);
      assertThat(extracted.pages()).hasSize(4);
    }
    assertThat(gcLog).exists();
  }

  @Test
  void closing_lets_the_children_exit_as_a_jvm_does(@TempDir Path logs) throws Exception {
    // The JVM logs its heap on the way out, after its shutdown hooks: a killed one never does.
    Path exitLog = logs.resolve("child-exit.log");
    try (IsolatedExtraction isolated =
        extraction(
            "256m", 1, Duration.ofMinutes(2), List.of("-Xlog:gc+heap+exit:file=" + exitLog))) {
      isolated.extract(Corpus.dev("pypdf__pdflatex-4-pages.pdf"), PDF, ProcessingOptions.TEXT_ONLY);
    }
    assertThat(exitLog).content().contains("Heap");
  }

  @Test
  void a_child_extracts_what_the_node_itself_would() throws Exception {
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    try (IsolatedExtraction isolated = extraction("256m", Duration.ofMinutes(2))) {
      ExtractedDocument inChild = isolated.extract(pdf, PDF, ProcessingOptions.TEXT_ONLY);
      ExtractedDocument inProcess = new TextExtractor().extract(pdf, PDF);
      assertThat(inChild.pages())
          .extracting(page -> page.text())
          .containsExactlyElementsOf(inProcess.pages().stream().map(page -> page.text()).toList());

      // The same child serves the next document, and document errors come back as they are.
      assertThatThrownBy(
              () ->
                  isolated.extract(
                      Corpus.dev("pypdf__libreoffice-writer-password.pdf"),
                      PDF,
                      ProcessingOptions.TEXT_ONLY))
          .isInstanceOfSatisfying(
              DocumentProcessingException.class,
              e -> assertThat(e.code()).isEqualTo(DocumentErrorCode.DOCUMENT_ENCRYPTED));
    }
  }

  @Test
  void a_child_runs_the_same_page_pipeline_as_the_node() throws Exception {
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    ProcessingOptions firstPageRecognised =
        new ProcessingOptions(
            OcrMode.FORCE,
            List.of("eng"),
            PageSelection.parse("1"),
            100,
            ProcessingOptions.Preprocess.DEFAULTS,
            null);
    try (IsolatedExtraction isolated = extraction("256m", Duration.ofMinutes(2));
        InProcessExtraction inProcess =
            new InProcessExtraction(
                PagePipeline.assemble(TessdataDirectory.install(models), new CpuPreprocessor()),
                Duration.ofMinutes(1),
                Duration.ofMinutes(1))) {
      PageText inChild = isolated.extract(pdf, PDF, firstPageRecognised).pages().get(0);
      PageText inNode = inProcess.extract(pdf, PDF, firstPageRecognised).pages().get(0);

      assertThat(inChild.source()).isEqualTo(PageText.OCR);
      assertThat(inChild.text()).isNotBlank().isEqualTo(inNode.text());
      assertThat(inChild.ocr().words()).isEqualTo(inNode.ocr().words());
      assertThat(inChild.timingsMillis().keySet())
          .containsExactlyElementsOf(inNode.timingsMillis().keySet());
    }
  }

  @Test
  void a_child_draws_page_images_and_says_when_a_page_is_not_there() throws Exception {
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    try (IsolatedExtraction isolated = extraction("256m", Duration.ofMinutes(2))) {
      byte[] image = isolated.renderPage(pdf, PDF, 2, 640, PageImageFormat.PNG);

      assertThat(TestPages.decoded(image).getWidth()).isEqualTo(640);
      assertThat(TestPages.darkShare(TestPages.decoded(image))).isPositive();
      assertThatThrownBy(() -> isolated.renderPage(pdf, PDF, 5, 640, PageImageFormat.PNG))
          .isInstanceOfSatisfying(
              DocumentProcessingException.class,
              e -> assertThat(e.code()).isEqualTo(DocumentErrorCode.PAGE_NOT_FOUND));
    }
  }

  @Test
  void a_page_image_has_a_page_time_not_a_document_time() throws Exception {
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    try (IsolatedExtraction hurried =
        extraction("256m", 1, Duration.ofMillis(1), Duration.ofMinutes(2), List.of())) {
      assertThatThrownBy(() -> hurried.renderPage(pdf, PDF, 1, 2000, PageImageFormat.PNG))
          .isInstanceOfSatisfying(
              DocumentProcessingException.class,
              e -> assertThat(e.code()).isEqualTo(DocumentErrorCode.PROCESSING_TIMEOUT));
    }
  }

  @Test
  void a_child_that_does_not_answer_in_time_is_killed_and_replaced() throws Exception {
    Path pdf = Corpus.dev("pdfbox__cweb.pdf");
    try (IsolatedExtraction isolated = extraction("256m", Duration.ofMillis(1))) {
      assertThatThrownBy(() -> isolated.extract(pdf, PDF, ProcessingOptions.TEXT_ONLY))
          .isInstanceOfSatisfying(
              DocumentProcessingException.class,
              e -> assertThat(e.code()).isEqualTo(DocumentErrorCode.PROCESSING_TIMEOUT));
    }
    try (IsolatedExtraction isolated = extraction("256m", Duration.ofMinutes(2))) {
      assertThat(isolated.extract(pdf, PDF, ProcessingOptions.TEXT_ONLY).pageCount()).isEqualTo(28);
    }
  }

  @Test
  void a_document_that_exhausts_the_child_heap_fails_alone() throws Exception {
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    try (IsolatedExtraction isolated = extraction("64m", Duration.ofMinutes(2))) {
      assertThatThrownBy(() -> isolated.extract(pdf, PDF, GREEDY))
          .isInstanceOfSatisfying(
              DocumentProcessingException.class,
              e -> assertThat(e.code()).isEqualTo(DocumentErrorCode.DOCUMENT_TOO_COMPLEX));

      // A fresh child takes the next document.
      assertThat(isolated.extract(pdf, PDF, ProcessingOptions.TEXT_ONLY).pageCount()).isEqualTo(4);
    }
  }

  @Test
  void a_document_that_takes_down_a_shared_child_fails_and_the_one_beside_it_is_retried_alone()
      throws Exception {
    Path longPdf = Corpus.dev("pypdf__GeoTopo-komprimiert.pdf");
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    try (IsolatedExtraction isolated = extraction("96m", 2, Duration.ofMinutes(2))) {
      ExecutorService callers = Executors.newFixedThreadPool(2);
      try {
        // The long document is still being read when the greedy one exhausts the shared heap: the
        // greedy one is sent once the long one is in the child.
        Future<ExtractedDocument> innocent =
            callers.submit(() -> isolated.extract(longPdf, PDF, ProcessingOptions.TEXT_ONLY));
        Eventually.await(
            "the long document in the child",
            Duration.ofSeconds(30),
            isolated::documentsInFlight,
            inFlight -> inFlight >= 1);
        Future<ExtractedDocument> guilty = callers.submit(() -> isolated.extract(pdf, PDF, GREEDY));

        assertThatThrownBy(guilty::get)
            .hasCauseInstanceOf(DocumentProcessingException.class)
            .satisfies(
                e ->
                    assertThat(((DocumentProcessingException) e.getCause()).code())
                        .isEqualTo(DocumentErrorCode.DOCUMENT_TOO_COMPLEX));
        assertThat(innocent.get().pages()).hasSize(117);
        // The pool carries on with a fresh shared child.
        assertThat(isolated.extract(pdf, PDF, ProcessingOptions.TEXT_ONLY).pageCount())
            .isEqualTo(4);
      } finally {
        callers.shutdownNow();
      }
    }
  }
}
