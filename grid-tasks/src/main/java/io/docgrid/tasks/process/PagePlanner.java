package io.docgrid.tasks.process;

import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.ProcessingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Cuts a PDF's selected pages into ranges of at most {@code pagesPerJob} pages. Counting pages only
 * reads the PDF's structure, not its content; a PDF that cannot even be counted (encrypted without
 * the password, damaged) is processed as one job, which reports the problem properly.
 */
public final class PagePlanner {

  private static final String PDF = "application/pdf";

  private final int pagesPerJob;
  private final int maxPages;

  /**
   * @param pagesPerJob the most pages one grid job takes
   * @param maxPages documents with more pages are not split: one job reports them as too long
   */
  public PagePlanner(int pagesPerJob, int maxPages) {
    if (pagesPerJob < 1) {
      throw new IllegalArgumentException("pagesPerJob must be positive, got " + pagesPerJob);
    }
    this.pagesPerJob = pagesPerJob;
    this.maxPages = maxPages;
  }

  public PagePlan plan(Path document, String mediaType, ProcessingOptions options) {
    Integer counted = pageCount(document, mediaType, options);
    if (counted == null || counted > maxPages) {
      return PagePlan.WHOLE_DOCUMENT;
    }
    int pageCount = counted;
    List<Integer> selected = options.pages().pagesOf(pageCount);
    if (selected.size() <= pagesPerJob) {
      return new PagePlan(pageCount, selected.size(), List.of());
    }
    return new PagePlan(pageCount, selected.size(), ranges(selected));
  }

  /**
   * The number of pages of a PDF, or null for other documents and for PDFs that cannot be counted
   * (they fail properly when processed).
   */
  public static Integer pageCount(Path document, String mediaType, ProcessingOptions options) {
    if (!PDF.equals(mediaType)) {
      return null;
    }
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(document);
        PDDocument pdf =
            Loader.loadPDF(source, options.password() == null ? "" : options.password())) {
      return pdf.getNumberOfPages();
    } catch (IOException | RuntimeException | StackOverflowError unreadable) {
      return null;
    }
  }

  /** Consecutive runs of selected pages, each cut to at most {@code pagesPerJob} pages. */
  private List<PageSelection> ranges(List<Integer> selected) {
    List<PageSelection> ranges = new ArrayList<>();
    int start = 0;
    while (start < selected.size()) {
      int end = start;
      while (end + 1 < selected.size()
          && end + 1 - start < pagesPerJob
          && selected.get(end + 1) == selected.get(end) + 1) {
        end++;
      }
      ranges.add(PageSelection.range(selected.get(start), selected.get(end)));
      start = end + 1;
    }
    return ranges;
  }
}
