package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.JOBS;
import static io.docgrid.sql.schema.Tables.UPLOADS;

import io.docgrid.sql.model.Upload;
import io.docgrid.sql.schema.tables.records.UploadsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Stores the state of resumable uploads. An offset moves only by {@link #advance}, a conditional
 * update from the offset the writer started at, so of two writers racing on one upload, on one node
 * or two, exactly one appends.
 */
public final class UploadRepository {

  private final DSLContext dsl;

  public UploadRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  public void insert(Upload upload) {
    dsl.insertInto(UPLOADS)
        .set(UPLOADS.ID, upload.id())
        .set(UPLOADS.OWNER, upload.owner())
        .set(UPLOADS.UPLOAD_LENGTH, upload.length())
        .set(UPLOADS.UPLOAD_OFFSET, upload.offset())
        .set(UPLOADS.FILE_NAME, upload.fileName())
        .set(UPLOADS.METADATA, upload.metadata())
        .set(UPLOADS.DOCUMENT_SHA256, upload.documentSha256())
        .set(UPLOADS.CREATED_AT, utc(upload.createdAt()))
        .set(UPLOADS.EXPIRES_AT, utc(upload.expiresAt()))
        .execute();
  }

  public Optional<Upload> findById(UUID id) {
    return dsl.selectFrom(UPLOADS)
        .where(UPLOADS.ID.eq(id))
        .fetchOptional()
        .map(UploadRepository::toUpload);
  }

  /**
   * Moves the offset from {@code from} to {@code to}, recording the hash of the whole when {@code
   * to} completes it; false if the offset was no longer {@code from} or the upload is gone.
   */
  public boolean advance(UUID id, long from, long to, String completeSha256) {
    return dsl.update(UPLOADS)
            .set(UPLOADS.UPLOAD_OFFSET, to)
            .set(UPLOADS.DOCUMENT_SHA256, completeSha256)
            .where(UPLOADS.ID.eq(id), UPLOADS.UPLOAD_OFFSET.eq(from))
            .execute()
        == 1;
  }

  /** Deletes the upload's row; false if it was gone already. */
  public boolean delete(UUID id) {
    return dsl.deleteFrom(UPLOADS).where(UPLOADS.ID.eq(id)).execute() == 1;
  }

  /** Uploads that expired before {@code now}, oldest first, at most {@code limit}. */
  public List<Upload> findExpired(Instant now, int limit) {
    return dsl.selectFrom(UPLOADS)
        .where(UPLOADS.EXPIRES_AT.le(utc(now)))
        .orderBy(UPLOADS.EXPIRES_AT)
        .limit(limit)
        .fetch(UploadRepository::toUpload);
  }

  /**
   * Whether {@code owner} has a job, not purged, on the document with this hash: proof that the
   * owner sent those bytes, which a hash alone is not.
   */
  public boolean ownerHasDocument(String owner, String documentSha256) {
    return dsl.fetchExists(
        JOBS,
        JOBS.OWNER.eq(owner),
        JOBS.DOCUMENT_SHA256.eq(documentSha256),
        JOBS.PURGED_AT.isNull());
  }

  /** The file name of {@code owner}'s latest job on this document, if it has one. */
  public Optional<String> latestFileName(String owner, String documentSha256) {
    return dsl.select(JOBS.FILE_NAME)
        .from(JOBS)
        .where(JOBS.OWNER.eq(owner), JOBS.DOCUMENT_SHA256.eq(documentSha256))
        .orderBy(JOBS.CREATED_AT.desc())
        .limit(1)
        .fetchOptional(JOBS.FILE_NAME);
  }

  private static Upload toUpload(UploadsRecord row) {
    return new Upload(
        row.getId(),
        row.getOwner(),
        row.getUploadLength(),
        row.getUploadOffset(),
        row.getFileName(),
        row.getMetadata(),
        row.getDocumentSha256(),
        instant(row.getCreatedAt()),
        instant(row.getExpiresAt()));
  }
}
