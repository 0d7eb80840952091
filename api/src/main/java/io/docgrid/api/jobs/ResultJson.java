package io.docgrid.api.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.jobs.JobResponses.FailedPage;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.jobs.JobResponses.Manifest;
import io.docgrid.api.jobs.JobResponses.ResultDocument;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes a {@link JobResult} as JSON one page at a time: the same document, field for field, as
 * writing the whole record, without ever holding more than one page of it.
 */
public final class ResultJson {

  /** What a result says before its pages. */
  public record Head(
      String schemaVersion,
      ResultDocument document,
      boolean partial,
      List<FailedPage> failedPages) {}

  /** What a result says after its pages, read only once they have been. */
  @FunctionalInterface
  public interface ManifestSource {
    Manifest manifest() throws IOException;
  }

  private ResultJson() {}

  /** Writes the pages as a JSON array, the form a result part is stored in. */
  public static void writePages(OutputStream out, ObjectMapper json, List<ResultPage> pages)
      throws IOException {
    try (JsonGenerator generator = json.createGenerator(out)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      generator.writeStartArray();
      for (ResultPage page : pages) {
        generator.writeObject(page);
      }
      generator.writeEndArray();
    }
  }

  /**
   * Reads an array of pages one at a time, from the parser at its start to its end.
   *
   * @throws IOException when the parser is not at the start of an array of pages
   */
  public static void readPages(JsonParser parser, ObjectMapper json, PageSource.PageVisitor visitor)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new IOException("stored pages are malformed: an array expected");
    }
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      visitor.visit(json.readValue(parser, ResultPage.class));
    }
    if (parser.currentToken() != JsonToken.END_ARRAY) {
      throw new IOException(
          "stored pages are malformed: " + parser.currentToken() + " in the array");
    }
  }

  /**
   * Writes the result to {@code out}, which stays open.
   *
   * @param shape what each page is written as: the page itself where it is stored, {@link
   *     ResultPage#forJson()} where a client reads it
   * @param tee sees every page as it is written (a cache entry in the making); null for none
   */
  public static void write(
      OutputStream out,
      ObjectMapper json,
      Head head,
      PageSource pages,
      UnaryOperator<ResultPage> shape,
      PageSource.PageVisitor tee,
      ManifestSource manifest)
      throws IOException {
    try (JsonGenerator generator = json.createGenerator(out)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      // The order of JobResult's components, which is the order Jackson writes the record in.
      generator.writeStartObject();
      generator.writeObjectField("schemaVersion", head.schemaVersion());
      generator.writeObjectField("document", head.document());
      generator.writeBooleanField("partial", head.partial());
      generator.writeObjectField("failedPages", head.failedPages());
      generator.writeArrayFieldStart("pages");
      pages.forEach(
          page -> {
            generator.writeObject(shape.apply(page));
            if (tee != null) {
              tee.visit(page);
            }
          });
      generator.writeEndArray();
      generator.writeObjectField("manifest", manifest.manifest());
      generator.writeEndObject();
    }
  }
}
