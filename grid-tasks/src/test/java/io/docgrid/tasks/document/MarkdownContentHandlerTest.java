package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;

class MarkdownContentHandlerTest {

  private static String markdownOf(String xhtml) throws Exception {
    MarkdownContentHandler handler = new MarkdownContentHandler(10_000);
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    factory
        .newSAXParser()
        .parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)), handler);
    return handler.markdown();
  }

  @Test
  void headings_paragraphs_lists_emphasis_and_tables_become_markdown() throws Exception {
    String markdown =
        markdownOf(
            "<html xmlns='http://www.w3.org/1999/xhtml'><head><title>t</title></head><body>"
                + "<h1>Annual report</h1><p>Revenue <b>grew</b> by <i>12</i>%.</p>"
                + "<h2>Risks</h2><ul><li>Currency</li><li>Supply</li></ul>"
                + "<table><tr><td>Year</td><td>Sales</td></tr><tr><td>2026</td><td>5</td></tr></table>"
                + "</body></html>");
    assertThat(markdown)
        .isEqualTo(
            "# Annual report\n\nRevenue **grew** by _12_%.\n\n## Risks\n\n- Currency\n- Supply\n\n"
                + "| Year | Sales |\n| --- | --- |\n| 2026 | 5 |");
  }

  @Test
  void text_that_looks_like_markdown_is_escaped_and_the_head_is_ignored() throws Exception {
    String markdown =
        markdownOf(
            "<html xmlns='http://www.w3.org/1999/xhtml'><head><title>secret title</title></head>"
                + "<body><p># not a heading, *not bold*</p></body></html>");
    assertThat(markdown).isEqualTo("\\# not a heading, \\*not bold\\*").doesNotContain("secret");
  }

  @Test
  void output_stops_at_the_character_limit() throws Exception {
    MarkdownContentHandler handler = new MarkdownContentHandler(10);
    SAXParserFactory.newInstance()
        .newSAXParser()
        .parse(
            new ByteArrayInputStream(
                "<html><body><p>0123456789abcdef</p></body></html>"
                    .getBytes(StandardCharsets.UTF_8)),
            handler);
    assertThat(handler.markdown()).hasSize(10);
  }

  @Test
  void a_real_docx_keeps_its_headings() throws Exception {
    Path docx = Corpus.dev("pydocx__par-known-paragraphs.docx");
    ExtractedDocument document =
        new TextExtractor()
            .extract(
                docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    String markdown = document.pages().get(0).markdown();
    assertThat(markdown).containsPattern("(?m)^#{1,6} \\S");
  }
}
