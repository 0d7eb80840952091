package io.docgrid.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.ApiJson;
import io.docgrid.api.jobs.JobResponses.FailedPage;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.jobs.JobResponses.Manifest;
import io.docgrid.api.jobs.JobResponses.ResultDocument;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import io.docgrid.api.jobs.PageSource;
import io.docgrid.api.jobs.ResultJson;
import io.docgrid.api.jobs.StoredResult;
import io.docgrid.tasks.blob.LocalBlobStore;
import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.PageOcr;
import io.docgrid.tasks.document.PageText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result written range by range into the blob store and assembled and read back page by page: in
 * page order whatever order the ranges came back in, a range run again replacing its part, and the
 * same JSON, byte for byte, as the whole result written at once.
 */
class ResultStreamingTest {

  private final ObjectMapper json = ApiJson.newMapper();
  private final UUID job = UUID.randomUUID();
  private LocalBlobStore blobs;
  private RangeParts parts;

  @BeforeEach
  void store(@TempDir Path root) throws IOException {
    blobs = new LocalBlobStore(root);
    parts = new RangeParts(blobs, json);
  }

  @Test
  void pages_are_read_in_page_order_whatever_order_their_ranges_came_back_in() throws IOException {
    parts.store(job, 2, pages(9, 12));
    parts.store(job, 0, pages(1, 4));
    parts.store(job, 1, pages(5, 8));

    assertThat(numbers(parts.pages(job, 3)))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
  }

  @Test
  void a_range_run_again_replaces_what_it_stored_the_first_time() throws IOException {
    parts.store(job, 0, pages(1, 4));
    parts.store(job, 1, List.of(PageText.failed(5, DocumentErrorCode.PROCESSING_FAILED, "lost")));

    parts.store(job, 1, pages(5, 5)); // the range again, on another node, this time through

    List<ResultPage> read = new ArrayList<>();
    parts.pages(job, 2).forEach(read::add);
    assertThat(read).extracting(ResultPage::number).containsExactly(1, 2, 3, 4, 5);
    assertThat(read.get(4).error()).isNull();
    assertThat(read.get(4).text()).isEqualTo("Text of page 5");
  }

  @Test
  void a_missing_part_fails_the_read_rather_than_make_a_short_result() throws IOException {
    parts.store(job, 0, pages(1, 4));

    assertThatThrownBy(() -> parts.pages(job, 2).forEach(page -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("part 1");
  }

  @Test
  void parts_are_gone_once_deleted() throws IOException {
    parts.store(job, 0, pages(1, 4));

    parts.delete(job);

    assertThat(blobs.openResultPart(job, 0)).isEmpty();
  }

  @Test
  void the_streamed_result_is_byte_for_byte_the_whole_result_written_at_once() throws IOException {
    List<PageText> first = pages(1, 3);
    List<PageText> second =
        List.of(
            ocrPage(4),
            PageText.failed(5, DocumentErrorCode.PROCESSING_TIMEOUT, "Page 5 took too long."));
    parts.store(job, 1, second);
    parts.store(job, 0, first);
    ResultJson.Head head = head();
    Manifest manifest = manifest();

    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    ResultJson.write(
        streamed, json, head, parts.pages(job, 2), UnaryOperator.identity(), null, () -> manifest);

    List<ResultPage> all = new ArrayList<>();
    first.forEach(page -> all.add(ResultAssembler.page(page)));
    second.forEach(page -> all.add(ResultAssembler.page(page)));
    JobResult whole =
        new JobResult(
            head.schemaVersion(),
            head.document(),
            head.partial(),
            head.failedPages(),
            all,
            manifest);
    assertThat(streamed.toString()).isEqualTo(json.writeValueAsString(whole));
  }

  @Test
  void a_stored_result_is_read_back_page_by_page_as_the_client_json() throws IOException {
    parts.store(job, 0, List.of(ocrPage(1), new PageText(2, "plain", PageText.TEXT_LAYER)));
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    Manifest manifest = manifest();
    ResultJson.write(
        stored, json, head(), parts.pages(job, 1), UnaryOperator.identity(), null, () -> manifest);
    JobResult whole = json.readValue(stored.toByteArray(), JobResult.class);

    ByteArrayOutputStream answered = new ByteArrayOutputStream();
    try (StoredResult result =
        StoredResult.open(new ByteArrayInputStream(stored.toByteArray()), json)) {
      ResultJson.write(
          answered,
          json,
          result.head(),
          result::forEachPage,
          ResultPage::forJson,
          null,
          result::manifest);
    }

    // What the client got before results were streamed: the whole record without renderings.
    String before =
        json.writeValueAsString(
            new JobResult(
                whole.schemaVersion(),
                whole.document(),
                whole.partial(),
                whole.failedPages(),
                whole.pages().stream().map(ResultStreamingTest::forJson).toList(),
                whole.manifest()));
    assertThat(answered.toString()).isEqualTo(before).doesNotContain("hocr", "markdown");
  }

  @Test
  void the_manifest_after_the_pages_is_read_without_reading_them() throws IOException {
    parts.store(job, 0, pages(1, 50));
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    Manifest manifest = manifest();
    ResultJson.write(
        stored, json, head(), parts.pages(job, 1), UnaryOperator.identity(), null, () -> manifest);

    try (StoredResult result =
        StoredResult.open(new ByteArrayInputStream(stored.toByteArray()), json)) {
      assertThat(result.head().document().pageCount()).isEqualTo(5);
      assertThat(result.manifest().nodeIds()).containsExactly("node-a", "node-b");
    }
  }

  /**
   * The assembler holds one page at a time by the shape of its API: pages reach it through a
   * visitor. This checks the sources keep to it: each page is written out before the next is read.
   */
  @Test
  void each_page_is_written_before_the_next_is_read() throws IOException {
    for (int part = 0; part < 40; part++) {
      parts.store(job, part, pages(part * 10 + 1, part * 10 + 10));
    }
    AtomicInteger read = new AtomicInteger();
    AtomicInteger written = new AtomicInteger();
    AtomicInteger mostAhead = new AtomicInteger();
    PageSource counted =
        visitor ->
            parts
                .pages(job, 40)
                .forEach(
                    page -> {
                      mostAhead.accumulateAndGet(read.incrementAndGet() - written.get(), Math::max);
                      visitor.visit(page);
                    });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Manifest manifest = manifest();

    ResultJson.write(
        out,
        json,
        head(),
        counted,
        page -> {
          written.incrementAndGet();
          return page;
        },
        null,
        () -> manifest);

    assertThat(written.get()).isEqualTo(400);
    assertThat(mostAhead.get()).as("pages read but not yet written").isEqualTo(1);
  }

  private static ResultPage forJson(ResultPage page) {
    return new ResultPage(
        page.number(),
        page.text(),
        page.source(),
        page.ocr() == null
            ? null
            : new io.docgrid.api.jobs.JobResponses.ResultOcr(
                page.ocr().confidence(),
                page.ocr().meanConfidence(),
                page.ocr().skewDegrees(),
                page.ocr().rotation(),
                page.ocr().dpi(),
                page.ocr().words(),
                null),
        page.timingsMillis(),
        page.error(),
        null);
  }

  private ResultJson.Head head() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("title", "Quarterly report");
    metadata.put("author", "Finance");
    return new ResultJson.Head(
        JobResult.SCHEMA_VERSION,
        new ResultDocument("ab".repeat(32), "application/pdf", 5, metadata),
        true,
        List.of(new FailedPage(5, "PROCESSING_TIMEOUT")));
  }

  private Manifest manifest() {
    return new Manifest(
        "ab".repeat(32),
        json.createObjectNode().put("ocr", "auto"),
        "pipeline-7",
        Map.of("tika", "3.2.0"),
        List.of("node-a", "node-b"),
        Map.of("queued", 3L, "total", 40L));
  }

  private static List<PageText> pages(int first, int last) {
    return IntStream.rangeClosed(first, last)
        .mapToObj(
            number ->
                new PageText(
                    number,
                    "Text of page " + number,
                    PageText.TEXT_LAYER,
                    null,
                    Map.of("text-layer", 2L),
                    null,
                    "# Page " + number))
        .toList();
  }

  private static PageText ocrPage(int number) {
    PageOcr ocr =
        new PageOcr(
            71.5f,
            88.25f,
            List.of(new PageOcr.Word("Total", 100, 200, 80, 24, 71.5f)),
            0.756,
            180,
            300,
            "<div class='ocr_page' id='page_1'></div>");
    return new PageText(number, "Total", PageText.OCR, ocr, Map.of("ocr", 812L));
  }

  private static List<Integer> numbers(PageSource source) throws IOException {
    List<Integer> numbers = new ArrayList<>();
    source.forEach(page -> numbers.add(page.number()));
    return numbers;
  }
}
