package io.docgrid.tasks.document;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text layers of a PDF's selected pages, read in one pass over each run of consecutive pages. A
 * text stripper asked for one page at a time walks the whole page tree for each and starts over;
 * one pass hands each page's text on as the page ends. A page whose content cannot be read fails
 * alone: the pass resumes after it.
 */
final class TextLayers {

  /**
   * One page's text layer, or why it could not be read.
   *
   * @param millis how long reading it took
   */
  record Layer(String text, long millis, PageText failure) {

    static Layer read(String text, long millis) {
      return new Layer(text, millis, null);
    }

    static Layer failed(PageText failure) {
      return new Layer("", 0, failure);
    }

    boolean hasFailed() {
      return failure != null;
    }
  }

  private TextLayers() {}

  /** The text layers of {@code selected} (ascending page numbers), by page number. */
  static Map<Integer, Layer> read(PDDocument document, List<Integer> selected, TimeBudget budget)
      throws IOException {
    Map<Integer, Layer> layers = new HashMap<>();
    // One stripper per document: it keeps state between calls and is not thread-safe.
    PageByPageStripper stripper = new PageByPageStripper(layers, budget);
    int next = 0;
    while (next < selected.size()) {
      int first = selected.get(next);
      int end = next;
      while (end + 1 < selected.size() && selected.get(end + 1) == selected.get(end) + 1) {
        end++;
      }
      int last = selected.get(end);
      readRun(document, stripper, layers, first, last, budget);
      next = end + 1;
    }
    for (int number : selected) {
      // A page without a content stream has no text, and the stripper never starts it.
      layers.putIfAbsent(number, Layer.read("", 0));
    }
    return layers;
  }

  private static void readRun(
      PDDocument document,
      PageByPageStripper stripper,
      Map<Integer, Layer> layers,
      int first,
      int last,
      TimeBudget budget)
      throws IOException {
    int from = first;
    while (from <= last) {
      stripper.setStartPage(from);
      stripper.setEndPage(last);
      try {
        stripper.writeText(document, new StringWriter());
        return;
      } catch (OutOfTime expired) {
        for (int number = expired.page; number <= last; number++) {
          layers.put(number, Layer.failed(TimeBudget.expired(number)));
        }
        return;
      } catch (IOException | RuntimeException e) {
        // A broken content stream or image spoils its page, not the whole document.
        from = failedAt(stripper, layers, from, last, DocumentErrors::unreadablePage);
      } catch (StackOverflowError e) {
        from = failedAt(stripper, layers, from, last, DocumentErrors::tooDeeplyNestedPage);
      }
      if (budget.documentExpired()) {
        for (int number = from; number <= last; number++) {
          layers.putIfAbsent(number, Layer.failed(TimeBudget.expired(number)));
        }
        return;
      }
    }
  }

  /** Records the failure of the page the pass stopped in; returns where the pass resumes. */
  private static int failedAt(
      PageByPageStripper stripper,
      Map<Integer, Layer> layers,
      int from,
      int last,
      IntFunction<PageText> failure) {
    int page = stripper.unfinishedPage();
    if (page < from) {
      // It failed between pages, where no page can be blamed: the rest of the run is unreadable.
      for (int number = from; number <= last; number++) {
        layers.putIfAbsent(number, Layer.failed(failure.apply(number)));
      }
      return last + 1;
    }
    layers.put(page, Layer.failed(failure.apply(page)));
    return page + 1;
  }

  /** Stops a pass when the document's time is up; names the first page not read. */
  private static final class OutOfTime extends IOException {
    private final int page;

    OutOfTime(int page) {
      super("the document's time ran out before page " + page);
      this.page = page;
    }
  }

  /** A text stripper that hands each page's text on as the page ends. */
  private static final class PageByPageStripper extends PDFTextStripper {
    private final Map<Integer, Layer> layers;
    private final TimeBudget budget;
    private final StringWriter page = new StringWriter();
    private int unfinished = -1;
    private long startedNanos;

    PageByPageStripper(Map<Integer, Layer> layers, TimeBudget budget) {
      this.layers = layers;
      this.budget = budget;
      setSortByPosition(false);
    }

    @Override
    public void writeText(PDDocument document, Writer ignored) throws IOException {
      unfinished = -1;
      super.writeText(document, page);
    }

    /** The page the last pass started and did not finish, or -1. */
    int unfinishedPage() {
      return unfinished;
    }

    @Override
    protected void startPage(PDPage started) throws IOException {
      int number = getCurrentPageNo();
      if (budget.documentExpired()) {
        throw new OutOfTime(number);
      }
      unfinished = number;
      page.getBuffer().setLength(0);
      startedNanos = System.nanoTime();
    }

    @Override
    protected void endPage(PDPage ended) {
      layers.put(
          unfinished,
          Layer.read(
              TextExtractor.normalise(page.toString()),
              (System.nanoTime() - startedNanos) / 1_000_000));
      unfinished = -1;
      page.getBuffer().setLength(0);
    }
  }
}
