package io.docgrid.node.blobs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.node.blobs.BlobProblem.Kind;
import io.docgrid.sql.StoredBlobsRepository;
import io.docgrid.sql.model.StoredBlobs;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.blob.BlobStore.DocumentFile;
import io.docgrid.tasks.blob.ResultKind;
import io.docgrid.tasks.blob.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Compares every job that was not purged with the blob store: its document must be there with the
 * SHA-256 it is stored under, and a succeeded job's JSON result must be there with the SHA-256
 * recorded when it was stored (or, for jobs from before that was recorded, must at least be JSON).
 * Reads only; a blob that is missing or unreadable is reported, never thrown.
 */
public final class BlobVerifier {

  private static final int PAGE = 500;

  private final StoredBlobsRepository jobs;
  private final BlobStore blobs;
  private final ObjectMapper json;

  public BlobVerifier(StoredBlobsRepository jobs, BlobStore blobs, ObjectMapper json) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.json = json;
  }

  public BlobReport verify() {
    List<BlobProblem> problems = new ArrayList<>();
    // Documents are shared by every job of the same bytes: each is hashed once.
    Map<String, Optional<BlobProblem>> documents = new HashMap<>();
    long checked = 0;
    UUID after = null;
    for (List<StoredBlobs> page = jobs.pageAfter(null, PAGE);
        !page.isEmpty();
        page = jobs.pageAfter(after, PAGE)) {
      for (StoredBlobs job : page) {
        documents
            .computeIfAbsent(job.documentSha256(), sha256 -> checkDocument(job))
            .map(problem -> forJob(problem, job))
            .ifPresent(problems::add);
        if (job.hasResult()) {
          checkResult(job).ifPresent(problems::add);
        }
        checked++;
        after = job.jobId();
      }
    }
    return new BlobReport(checked, problems);
  }

  private Optional<BlobProblem> checkDocument(StoredBlobs job) {
    String expected = job.documentSha256();
    if (!blobs.hasDocument(expected)) {
      return Optional.of(problem(job, "document", Kind.MISSING, expected, null));
    }
    try (DocumentFile document = blobs.openDocument(expected)) {
      String actual = Sha256.of(document.path());
      return actual.equals(expected)
          ? Optional.empty()
          : Optional.of(problem(job, "document", Kind.MISMATCH, expected, actual));
    } catch (IOException e) {
      return Optional.of(problem(job, "document", Kind.UNREADABLE, expected, null));
    }
  }

  private Optional<BlobProblem> checkResult(StoredBlobs job) {
    String expected = job.resultSha256();
    String actual;
    try {
      Optional<String> hashed = hashOfResult(job);
      if (hashed.isEmpty()) {
        return Optional.of(problem(job, "result", Kind.MISSING, expected, null));
      }
      actual = hashed.get();
    } catch (IOException e) {
      return Optional.of(problem(job, "result", Kind.UNREADABLE, expected, null));
    }
    if (expected != null) {
      return actual.equals(expected)
          ? Optional.empty()
          : Optional.of(problem(job, "result", Kind.MISMATCH, expected, actual));
    }
    return isJsonObject(job)
        ? Optional.empty()
        : Optional.of(problem(job, "result", Kind.UNREADABLE, null, actual));
  }

  private Optional<String> hashOfResult(StoredBlobs job) throws IOException {
    Optional<InputStream> stored = blobs.openResult(job.jobId(), ResultKind.JSON);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = stored.get()) {
      return Optional.of(Sha256.of(in));
    }
  }

  /** Whether a result stored before its hash was recorded is one JSON object, read as a stream. */
  private boolean isJsonObject(StoredBlobs job) {
    try {
      Optional<InputStream> stored = blobs.openResult(job.jobId(), ResultKind.JSON);
      if (stored.isEmpty()) {
        return false;
      }
      try (InputStream in = stored.get();
          JsonParser parser = json.getFactory().createParser(in)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return false;
        }
        parser.skipChildren();
        return parser.nextToken() == null;
      }
    } catch (IOException notJson) {
      return false;
    }
  }

  private static BlobProblem problem(
      StoredBlobs job, String blob, Kind kind, String expected, String actual) {
    return new BlobProblem(job.jobId(), job.status(), blob, kind, expected, actual);
  }

  /** A document's problem, found through one job, told for another job of the same document. */
  private static BlobProblem forJob(BlobProblem problem, StoredBlobs job) {
    return new BlobProblem(
        job.jobId(),
        job.status(),
        problem.blob(),
        problem.problem(),
        problem.expectedSha256(),
        problem.actualSha256());
  }
}
