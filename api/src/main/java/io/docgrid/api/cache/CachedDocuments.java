package io.docgrid.api.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import io.docgrid.api.jobs.PageSource;
import io.docgrid.api.jobs.ResultJson;
import io.docgrid.tasks.process.StoredDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a processed document is kept in the result cache: gzipped JSON, {@code {"document": <its
 * summary>, "pages": [<its pages as stored>]}}, written page by page while its job's result is
 * written, and read back page by page. Never a job's result, which holds that job's ids and times.
 */
public final class CachedDocuments {

  private final ObjectMapper json;

  CachedDocuments(ObjectMapper json) {
    this.json = json;
  }

  /** A new entry for {@code document}, which gives up once it holds more than {@code maxBytes}. */
  Entry newEntry(StoredDocument document, long maxBytes) {
    return new Entry(document, maxBytes);
  }

  /** The document kept in {@code stored}; its pages are read from the bytes each time. */
  ReusableDocument read(byte[] stored) {
    try (JsonParser parser = open(stored)) {
      StoredDocument document = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("document")) {
          document = json.readValue(parser, StoredDocument.class);
          break;
        }
        parser.skipChildren();
      }
      if (document == null) {
        throw new IOException("a cache entry without its document");
      }
      return new ReusableDocument(document, visitor -> readPages(stored, visitor));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readPages(byte[] stored, PageSource.PageVisitor visitor) throws IOException {
    try (JsonParser parser = open(stored)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("pages")) {
          ResultJson.readPages(parser, json, visitor);
          return;
        }
        parser.skipChildren();
      }
      throw new IOException("a cache entry without pages");
    }
  }

  private JsonParser open(byte[] stored) throws IOException {
    InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored));
    JsonParser parser = json.createParser(in);
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      parser.close();
      throw new IOException("a cache entry is not a JSON object");
    }
    return parser;
  }

  /**
   * A cache entry being written, one page at a time as the job's result is: at most its limit in
   * memory, compressed, and nothing at all once it is over it.
   */
  public final class Entry implements PageSource.PageVisitor {

    private final long maxBytes;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private JsonGenerator generator;
    private boolean tooLarge;

    private Entry(StoredDocument document, long maxBytes) {
      this.maxBytes = maxBytes;
      try {
        generator = json.createGenerator(new GZIPOutputStream(new Limited()));
        generator.writeStartObject();
        generator.writeObjectField("document", document);
        generator.writeArrayFieldStart("pages");
      } catch (IOException e) {
        giveUp();
      }
    }

    @Override
    public void visit(ResultPage page) {
      if (tooLarge) {
        return;
      }
      try {
        generator.writeObject(page);
      } catch (IOException e) {
        giveUp();
      }
    }

    /** The entry's bytes, or empty when it grew over its limit. */
    Optional<byte[]> finish() {
      if (tooLarge) {
        return Optional.empty();
      }
      try {
        generator.writeEndArray();
        generator.writeEndObject();
        generator.close();
      } catch (IOException e) {
        giveUp();
        return Optional.empty();
      }
      return tooLarge ? Optional.empty() : Optional.of(bytes.toByteArray());
    }

    private void giveUp() {
      tooLarge = true;
      bytes.reset();
    }

    /** Refuses to grow past the entry's limit, which ends the entry, not the job's result. */
    private final class Limited extends OutputStream {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] buffer, int offset, int length) throws IOException {
        if (tooLarge || bytes.size() + length > maxBytes) {
          tooLarge = true;
          throw new IOException("over the cache entry limit");
        }
        bytes.write(buffer, offset, length);
      }
    }
  }
}
