package io.docgrid.tasks.document;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns the XHTML that Tika's parsers emit into Markdown: headings, paragraphs, lists, emphasis and
 * simple tables where the source marks them. Text is escaped so that it never turns into Markdown
 * syntax by accident. Output is capped at a character limit like the plain text.
 */
final class MarkdownContentHandler extends DefaultHandler {

  private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>|#])");

  private final StringBuilder out = new StringBuilder();
  private final Deque<String> lists = new ArrayDeque<>();
  private final int maxCharacters;
  private boolean inBody;
  private boolean atLineStart = true;
  private int cellsInRow;
  private int rowsInTable;

  MarkdownContentHandler(int maxCharacters) {
    this.maxCharacters = maxCharacters;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) {
    String name = localName.isEmpty() ? qName : localName;
    switch (name.toLowerCase(Locale.ROOT)) {
      case "body" -> inBody = true;
      case "h1", "h2", "h3", "h4", "h5", "h6" -> {
        block();
        append("#".repeat(name.charAt(1) - '0') + " ");
      }
      case "p", "div", "blockquote", "pre" -> block();
      case "ul", "ol" -> {
        block();
        lists.push(name.toLowerCase(Locale.ROOT));
      }
      case "li" -> {
        line();
        append("  ".repeat(Math.max(0, lists.size() - 1)));
        append("ol".equals(lists.peek()) ? "1. " : "- ");
      }
      case "br" -> line();
      case "b", "strong" -> append("**");
      case "i", "em" -> append("_");
      case "table" -> {
        block();
        rowsInTable = 0;
      }
      case "tr" -> {
        line();
        cellsInRow = 0;
        append("|");
      }
      case "td", "th" -> {
        append(" ");
        cellsInRow++;
      }
      default -> {}
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    String name = localName.isEmpty() ? qName : localName;
    switch (name.toLowerCase(Locale.ROOT)) {
      case "body" -> inBody = false;
      case "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "blockquote", "pre", "table" -> block();
      case "ul", "ol" -> {
        lists.poll();
        block();
      }
      case "b", "strong" -> append("**");
      case "i", "em" -> append("_");
      case "td", "th" -> append(" |");
      case "tr" -> {
        // Markdown tables need a separator row under the first one.
        if (rowsInTable++ == 0 && cellsInRow > 0) {
          line();
          append("|" + " --- |".repeat(cellsInRow));
        }
      }
      default -> {}
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) {
    if (!inBody) {
      return;
    }
    String text = new String(ch, start, length).replaceAll("\\s+", " ");
    if (atLineStart) {
      text = text.stripLeading();
    }
    if (!text.isEmpty()) {
      append(SPECIAL.matcher(text).replaceAll("\\\\$1"));
    }
  }

  String markdown() {
    return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }

  private void block() {
    if (out.length() == 0) {
      return;
    }
    trimTrailingSpaces();
    if (!out.toString().endsWith("\n\n")) {
      out.append(out.charAt(out.length() - 1) == '\n' ? "\n" : "\n\n");
    }
    atLineStart = true;
  }

  private void line() {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      trimTrailingSpaces();
      out.append('\n');
    }
    atLineStart = true;
  }

  private void trimTrailingSpaces() {
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
  }

  private void append(String text) {
    if (!inBody || out.length() >= maxCharacters) {
      return;
    }
    out.append(text, 0, Math.min(text.length(), maxCharacters - out.length()));
    atLineStart = false;
  }
}
