package io.docgrid.api.jobs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.jobs.JobResponses.FailedPage;
import io.docgrid.api.jobs.JobResponses.Manifest;
import io.docgrid.api.jobs.JobResponses.ResultDocument;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A stored result read as it streams in: its head on opening, then its pages one at a time, then
 * its manifest. Read forward only, once.
 */
public final class StoredResult implements Closeable {

  private static final TypeReference<List<FailedPage>> FAILED_PAGES = new TypeReference<>() {};

  private final JsonParser parser;
  private final ObjectMapper json;
  private final ResultJson.Head head;
  private boolean pagesRead;

  private StoredResult(JsonParser parser, ObjectMapper json) throws IOException {
    this.parser = parser;
    this.json = json;
    this.head = readHead();
  }

  /** Reads a result's head from {@code stored}, which is closed with this. */
  public static StoredResult open(InputStream stored, ObjectMapper json) throws IOException {
    JsonParser parser = json.createParser(stored);
    try {
      return new StoredResult(parser, json);
    } catch (IOException | RuntimeException e) {
      parser.close();
      throw e;
    }
  }

  public ResultJson.Head head() {
    return head;
  }

  /** The result's pages, one at a time; they can be read once. */
  public void forEachPage(PageSource.PageVisitor visitor) throws IOException {
    if (pagesRead) {
      throw new IllegalStateException("the pages of a stored result are read once");
    }
    pagesRead = true;
    ResultJson.readPages(parser, json, visitor);
  }

  /** The manifest, which follows the pages: they are skipped if they were not read. */
  public Manifest manifest() throws IOException {
    if (!pagesRead) {
      pagesRead = true;
      parser.skipChildren();
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("manifest")) {
        return json.readValue(parser, Manifest.class);
      }
      parser.skipChildren();
    }
    throw new IOException("the stored result has no manifest");
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /** Reads the fields before the pages and stops at the start of their array. */
  private ResultJson.Head readHead() throws IOException {
    expect(JsonToken.START_OBJECT, parser.nextToken());
    String schemaVersion = null;
    ResultDocument document = null;
    boolean partial = false;
    List<FailedPage> failedPages = List.of();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "pages" -> {
          expect(JsonToken.START_ARRAY, value);
          return new ResultJson.Head(schemaVersion, document, partial, failedPages);
        }
        case "schemaVersion" -> schemaVersion = parser.getValueAsString();
        case "document" -> document = json.readValue(parser, ResultDocument.class);
        case "partial" -> partial = parser.getValueAsBoolean();
        case "failedPages" -> failedPages = json.readValue(parser, FAILED_PAGES);
        default -> parser.skipChildren();
      }
    }
    throw new IOException("the stored result has no pages");
  }

  private static void expect(JsonToken expected, JsonToken actual) throws IOException {
    if (actual != expected) {
      throw new IOException("the stored result is malformed: " + expected + " expected, " + actual);
    }
  }
}
