package io.docgrid.api.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.ApiJson;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.jobs.JobResponses.Manifest;
import io.docgrid.api.jobs.JobResponses.ResultDocument;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import io.docgrid.api.jobs.ResultJson;
import io.docgrid.api.jobs.StoredResult;
import io.docgrid.tasks.blob.LocalBlobStore;
import io.docgrid.tasks.blob.ResultKind;
import io.docgrid.tasks.document.PageText;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Writes a result larger than the heap it runs in, range by range, assembles it and reads it back
 * as JSON: what {@link ResultMemoryIT} runs in a JVM of its own with a small heap. Prints the bytes
 * of the stored result and of the JSON read back.
 *
 * <p>Arguments: the blob store's directory, the number of pages, the characters per page.
 */
public final class LargeResultRun {

  private static final int PAGES_PER_RANGE = 10;

  private LargeResultRun() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int pages = Integer.parseInt(args[1]);
    int pageChars = Integer.parseInt(args[2]);
    ObjectMapper json = ApiJson.newMapper();
    LocalBlobStore blobs = new LocalBlobStore(root);
    RangeParts parts = new RangeParts(blobs, json);
    UUID job = UUID.randomUUID();
    int ranges = (pages + PAGES_PER_RANGE - 1) / PAGES_PER_RANGE;
    // Last range first: ranges come back in any order.
    for (int range = ranges - 1; range >= 0; range--) {
      List<PageText> rangePages = new ArrayList<>();
      for (int number = range * PAGES_PER_RANGE + 1;
          number <= Math.min(pages, (range + 1) * PAGES_PER_RANGE);
          number++) {
        rangePages.add(new PageText(number, page(number, pageChars), PageText.TEXT_LAYER));
      }
      parts.store(job, range, rangePages);
    }

    Path assembled = blobs.createTemporaryFile();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(assembled))) {
      Manifest manifest =
          new Manifest("00", json.createObjectNode(), "p", Map.of(), List.of("n"), Map.of());
      ResultJson.write(
          out,
          json,
          new ResultJson.Head(
              JobResult.SCHEMA_VERSION,
              new ResultDocument("00", "application/pdf", pages, Map.of()),
              false,
              List.of()),
          parts.pages(job, ranges),
          UnaryOperator.identity(),
          null,
          () -> manifest);
    }
    long stored = Files.size(assembled);
    blobs.putResult(job, ResultKind.JSON, assembled);
    parts.delete(job);

    Counting answered = new Counting();
    int[] seen = {0};
    try (InputStream in = blobs.openResult(job, ResultKind.JSON).orElseThrow();
        StoredResult result = StoredResult.open(in, json)) {
      ResultJson.write(
          answered,
          json,
          result.head(),
          visitor ->
              result.forEachPage(
                  page -> {
                    if (page.number() != ++seen[0]) {
                      throw new IllegalStateException("page " + page.number() + " out of order");
                    }
                    visitor.visit(page);
                  }),
          ResultPage::forJson,
          null,
          result::manifest);
    }
    System.out.println("stored=" + stored + " answered=" + answered.bytes + " pages=" + seen[0]);
  }

  private static String page(int number, int chars) {
    StringBuilder text = new StringBuilder(chars);
    text.append("Page ").append(number).append(' ');
    while (text.length() < chars) {
      text.append("lorem ipsum dolor sit amet ");
    }
    return text.substring(0, chars);
  }

  private static final class Counting extends OutputStream {
    private long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      bytes += length;
    }
  }
}
