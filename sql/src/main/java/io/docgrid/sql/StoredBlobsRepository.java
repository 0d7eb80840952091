package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.JOBS;

import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.StoredBlobs;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.DSLContext;

/** Which blobs the jobs refer to, read in pages, for checking them against the blob store. */
public final class StoredBlobsRepository {

  private final DSLContext dsl;

  public StoredBlobsRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Up to {@code limit} jobs that were not purged, in id order, after {@code after} (null: from the
   * first). A purged job's blobs were deleted on purpose and are not listed.
   */
  public List<StoredBlobs> pageAfter(UUID after, int limit) {
    return dsl.select(JOBS.ID, JOBS.STATUS, JOBS.DOCUMENT_SHA256, JOBS.RESULT_SHA256)
        .from(JOBS)
        .where(JOBS.PURGED_AT.isNull(), after == null ? JOBS.ID.isNotNull() : JOBS.ID.gt(after))
        .orderBy(JOBS.ID)
        .limit(limit)
        .fetch(
            row ->
                new StoredBlobs(
                    row.value1(),
                    JobStatus.fromWireName(row.value2()),
                    row.value3(),
                    row.value4()));
  }
}
