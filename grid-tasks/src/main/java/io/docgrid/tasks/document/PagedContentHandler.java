package io.docgrid.tasks.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Cuts the body of a document that Tika parsed into pages where the format has them: a
 * presentation's slides (with their notes) and a spreadsheet's sheets. Everything else is one page.
 * Each page gets its plain text, as Tika's text handler writes it, and its Markdown. Receives only
 * the body's descendants (behind Tika's {@code BodyContentHandler}).
 */
final class PagedContentHandler extends DefaultHandler {

  /**
   * The classes of the {@code div} Tika's parsers open at each slide (PPTX, PPT) or sheet (XLSX:
   * {@code sheet}; XLS: {@code page}).
   */
  private static final Set<String> PAGE_CLASSES = Set.of("slide-content", "sheet", "page");

  private static final Attributes NONE = new AttributesImpl();

  /** One page as it is being collected. */
  private static final class Page {
    final StringBuilder text = new StringBuilder();
    final MarkdownContentHandler markdown;

    Page(int maxCharacters) {
      markdown = new MarkdownContentHandler(maxCharacters);
      markdown.startElement("", "body", "body", NONE);
    }
  }

  private final int maxCharacters;
  private final List<Page> pages = new ArrayList<>();
  private Page current;
  private boolean paged;

  PagedContentHandler(int maxCharacters) {
    this.maxCharacters = maxCharacters;
    this.current = new Page(maxCharacters);
    pages.add(current);
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) {
    String name = localName.isEmpty() ? qName : localName;
    if (startsPage(name, attributes)) {
      // Whatever came before the first slide or sheet (a title, say) belongs to it.
      if (paged) {
        current = new Page(maxCharacters);
        pages.add(current);
      }
      paged = true;
    }
    current.markdown.startElement(uri, localName, qName, attributes);
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    current.markdown.endElement(uri, localName, qName);
  }

  @Override
  public void characters(char[] ch, int start, int length) {
    current.text.append(ch, start, length);
    current.markdown.characters(ch, start, length);
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) {
    current.text.append(ch, start, length);
  }

  /** The pages, numbered from 1, each with its text and Markdown. */
  List<PageText> pages() {
    List<PageText> result = new ArrayList<>(pages.size());
    for (int i = 0; i < pages.size(); i++) {
      Page page = pages.get(i);
      result.add(
          new PageText(
              i + 1,
              TextExtractor.normalise(page.text.toString()),
              PageText.TEXT_LAYER,
              null,
              Map.of(),
              null,
              page.markdown.markdown()));
    }
    return result;
  }

  private static boolean startsPage(String element, Attributes attributes) {
    if (!element.toLowerCase(Locale.ROOT).equals("div")) {
      return false;
    }
    String classes = attributes.getValue("class");
    if (classes == null) {
      return false;
    }
    for (String name : classes.trim().split("\\s+")) {
      if (PAGE_CLASSES.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
