package io.docgrid.api.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.jobs.PageSource;
import io.docgrid.api.jobs.ResultJson;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.process.RangeStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's result in parts, one per page range, in the blob store: written as each range comes back
 * from the grid (a range run again replaces its part), read back in page order when the job's
 * result is assembled, and deleted once it has been, or once the job ended without one.
 */
public final class RangeParts implements RangeStore {

  private static final Logger log = LoggerFactory.getLogger(RangeParts.class);

  private final BlobStore blobs;
  private final ObjectMapper json;

  public RangeParts(BlobStore blobs, ObjectMapper json) {
    this.blobs = blobs;
    this.json = json;
  }

  /** Stores the range's pages as they will appear in the result, as a JSON array. */
  @Override
  public void store(UUID jobId, int part, List<PageText> pages) throws IOException {
    Path file = blobs.createTemporaryFile();
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        ResultJson.writePages(out, json, pages.stream().map(ResultAssembler::page).toList());
      }
      blobs.putResultPart(jobId, part, file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The pages of parts 0 to {@code parts} - 1 of the job, in page order, one at a time. */
  PageSource pages(UUID jobId, int parts) {
    return visitor -> {
      for (int part = 0; part < parts; part++) {
        int number = part;
        try (InputStream in =
                blobs
                    .openResultPart(jobId, part)
                    .orElseThrow(
                        () ->
                            new IOException(
                                "part "
                                    + number
                                    + " of the result of job "
                                    + jobId
                                    + " is missing"));
            JsonParser parser = json.createParser(in)) {
          parser.nextToken();
          ResultJson.readPages(parser, json, visitor);
        }
      }
    };
  }

  /**
   * Deletes the job's parts, if any are left; a failure is logged: retention deletes them later.
   */
  void delete(UUID jobId) {
    try {
      blobs.deleteResultParts(jobId);
    } catch (IOException | RuntimeException e) {
      log.warn("could not delete the result parts of job {}: {}", jobId, e.toString());
    }
  }
}
