package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.QUARANTINED_DOCUMENTS;

import io.docgrid.sql.model.QuarantinedDocument;
import io.docgrid.sql.schema.tables.records.QuarantinedDocumentsRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Stores the documents kept from the grid because they brought its workers down. */
public final class QuarantineRepository {

  private final DSLContext dsl;

  public QuarantineRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Quarantines the document unless it already is; returns whether this call did. */
  public boolean add(QuarantinedDocument document) {
    try {
      return dsl.insertInto(QUARANTINED_DOCUMENTS)
              .set(QUARANTINED_DOCUMENTS.DOCUMENT_SHA256, document.documentSha256())
              .set(QUARANTINED_DOCUMENTS.JOB_ID, document.jobId())
              .set(QUARANTINED_DOCUMENTS.REASON, JobRepository.truncated(document.reason()))
              .set(QUARANTINED_DOCUMENTS.ATTEMPTS, document.attempts())
              .set(QUARANTINED_DOCUMENTS.QUARANTINED_AT, utc(document.quarantinedAt()))
              .onConflictDoNothing()
              .execute()
          == 1;
    } catch (IntegrityConstraintViolationException alreadyThere) {
      // H2 runs ON CONFLICT DO NOTHING as a MERGE, which a concurrent insert can still beat.
      return false;
    }
  }

  public Optional<QuarantinedDocument> find(String documentSha256) {
    return dsl.selectFrom(QUARANTINED_DOCUMENTS)
        .where(QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.eq(documentSha256))
        .fetchOptional()
        .map(QuarantineRepository::toDocument);
  }

  /** Newest first. */
  public List<QuarantinedDocument> list(int limit) {
    return dsl.selectFrom(QUARANTINED_DOCUMENTS)
        .orderBy(
            QUARANTINED_DOCUMENTS.QUARANTINED_AT.desc(),
            QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.asc())
        .limit(limit)
        .fetch(QuarantineRepository::toDocument);
  }

  /** Lets the document be processed again; false if it was not quarantined. */
  public boolean release(String documentSha256) {
    return dsl.deleteFrom(QUARANTINED_DOCUMENTS)
            .where(QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.eq(documentSha256))
            .execute()
        == 1;
  }

  private static QuarantinedDocument toDocument(QuarantinedDocumentsRecord row) {
    return new QuarantinedDocument(
        row.getDocumentSha256(),
        row.getJobId(),
        row.getReason(),
        row.getAttempts(),
        instant(row.getQuarantinedAt()));
  }
}
