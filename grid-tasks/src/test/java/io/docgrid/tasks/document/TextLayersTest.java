package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.Corpus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * One pass over a run of pages must read what a text stripper asked for each page alone reads, for
 * every PDF of the corpus; selections with gaps start new runs; the time budget stops a pass.
 */
class TextLayersTest {

  @Test
  void one_pass_reads_what_page_by_page_stripping_reads_for_every_corpus_pdf() throws IOException {
    List<Corpus.Entry> pdfs =
        Corpus.devEntries(
            entry ->
                entry.mime().equals("application/pdf") && !entry.notes().contains("encrypted"));
    assertThat(pdfs).hasSizeGreaterThan(50);
    int compared = 0;
    for (Corpus.Entry entry : pdfs) {
      try (PDDocument document = Loader.loadPDF(Corpus.dev(entry.file()).toFile())) {
        document.setResourceCache(new DocumentResourceCache());
        int pages = document.getNumberOfPages();
        List<Integer> all = IntStream.rangeClosed(1, pages).boxed().toList();
        Map<Integer, TextLayers.Layer> layers =
            TextLayers.read(document, all, TimeBudget.UNLIMITED);
        for (int number : all) {
          TextLayers.Layer layer = layers.get(number);
          assertThat(layer).as(entry.file() + " page " + number).isNotNull();
          if (!layer.hasFailed()) {
            assertThat(layer.text())
                .as(entry.file() + " page " + number)
                .isEqualTo(alone(document, number));
            compared++;
          }
        }
      } catch (IOException unopenable) {
        // Damaged beyond what PDFBox repairs: the extraction reports it; nothing to compare.
      }
    }
    assertThat(compared).isGreaterThan(200);
  }

  @Test
  void a_selection_with_gaps_reads_exactly_its_pages() throws IOException {
    try (PDDocument document = Loader.loadPDF(Corpus.dev("pdfbox__cweb.pdf").toFile())) {
      List<Integer> selected = List.of(1, 2, 3, 10, 11, 28);

      Map<Integer, TextLayers.Layer> layers =
          TextLayers.read(document, selected, TimeBudget.UNLIMITED);

      assertThat(layers).containsOnlyKeys(selected);
      assertThat(layers.get(10).text()).isEqualTo(alone(document, 10));
      assertThat(layers.get(28).text()).isEqualTo(alone(document, 28));
    }
  }

  @Test
  void a_spent_budget_marks_the_pages_not_read_as_expired() throws IOException {
    try (PDDocument document = Loader.loadPDF(Corpus.dev("pdfbox__cweb.pdf").toFile())) {
      TimeBudget spent = TimeBudget.startingNow(Duration.ZERO, Duration.ofMinutes(1));

      Map<Integer, TextLayers.Layer> layers = TextLayers.read(document, List.of(1, 2, 3), spent);

      assertThat(layers.values())
          .allSatisfy(
              layer ->
                  assertThat(layer.failure().error().code())
                      .isEqualTo(DocumentErrorCode.PROCESSING_TIMEOUT));
    }
  }

  private static String alone(PDDocument document, int page) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(false);
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    return TextExtractor.normalise(stripper.getText(document));
  }
}
