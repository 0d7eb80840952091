package io.docgrid.tasks.document;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which pages to process, written as people write print ranges: {@code "1-3,7,10-"}. Pages are
 * 1-based; an open range runs to the last page. Ranges beyond the document are ignored, so the same
 * selection works for documents of any length.
 */
public final class PageSelection implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Pattern RANGE = Pattern.compile("(\\d{1,7})(?:(-)(\\d{1,7})?)?");
  private static final int MAX_RANGES = 1000;

  public static final PageSelection ALL =
      new PageSelection(List.of(new Range(1, Integer.MAX_VALUE)), "1-");

  private final List<Range> ranges;
  private final String canonical;

  private PageSelection(List<Range> ranges, String canonical) {
    this.ranges = List.copyOf(ranges);
    this.canonical = canonical;
  }

  /** One inclusive range of page numbers. */
  public record Range(int first, int last) implements Serializable {}

  /**
   * Parses a selection.
   *
   * @throws IllegalArgumentException with a message fit for a client when the text is not one
   */
  public static PageSelection parse(String text) {
    if (text == null || text.isBlank()) {
      return ALL;
    }
    String[] parts = text.replace(" ", "").split(",", -1);
    if (parts.length > MAX_RANGES) {
      throw new IllegalArgumentException("must have at most " + MAX_RANGES + " ranges");
    }
    List<Range> ranges = new ArrayList<>();
    for (String part : parts) {
      Matcher m = RANGE.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "must be page numbers and ranges such as \"1-3,7,10-\", got \"" + part + "\"");
      }
      int first = Integer.parseInt(m.group(1));
      int last =
          m.group(2) == null
              ? first
              : m.group(3) == null ? Integer.MAX_VALUE : Integer.parseInt(m.group(3));
      if (first < 1 || last < first) {
        throw new IllegalArgumentException(
            "ranges must start at page 1 or later and not run backwards, got \"" + part + "\"");
      }
      ranges.add(new Range(first, last));
    }
    ranges.sort((a, b) -> Integer.compare(a.first(), b.first()));
    List<Range> merged = new ArrayList<>();
    for (Range range : ranges) {
      Range previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (previous != null && (long) range.first() <= (long) previous.last() + 1) {
        merged.set(
            merged.size() - 1,
            new Range(previous.first(), Math.max(previous.last(), range.last())));
      } else {
        merged.add(range);
      }
    }
    return new PageSelection(merged, render(merged));
  }

  /** Pages {@code first} to {@code last}, inclusive. */
  public static PageSelection range(int first, int last) {
    if (first < 1 || last < first) {
      throw new IllegalArgumentException("not a page range: " + first + "-" + last);
    }
    List<Range> ranges = List.of(new Range(first, last));
    return new PageSelection(ranges, render(ranges));
  }

  /** The selected page numbers of a document with {@code pageCount} pages, ascending. */
  public List<Integer> pagesOf(int pageCount) {
    List<Integer> pages = new ArrayList<>();
    for (Range range : ranges) {
      for (long page = range.first(); page <= Math.min(range.last(), pageCount); page++) {
        pages.add((int) page);
      }
    }
    return pages;
  }

  public boolean selectsAll() {
    return canonical.equals("1-");
  }

  /** The normalised text: sorted, merged ranges. */
  @Override
  public String toString() {
    return canonical;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PageSelection that && canonical.equals(that.canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  private static String render(List<Range> ranges) {
    StringBuilder text = new StringBuilder();
    for (Range range : ranges) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(range.first());
      if (range.last() == Integer.MAX_VALUE) {
        text.append('-');
      } else if (range.last() != range.first()) {
        text.append('-').append(range.last());
      }
    }
    return text.toString();
  }
}
