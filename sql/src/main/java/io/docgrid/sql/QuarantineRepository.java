package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.QUARANTINED_DOCUMENTS;

import io.docgrid.sql.model.QuarantinedDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/** Stores the documents kept from the grid because they brought its workers down. */
public final class QuarantineRepository {

  private final DSLContext dsl;

  /** Asked of every submission, so rendered once. */
  private final RenderedStatement findBySha256;

  public QuarantineRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.findBySha256 =
        RenderedStatement.of(
            dsl,
            dsl.selectFrom(QUARANTINED_DOCUMENTS)
                .where(
                    QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.eq(
                        DSL.param(
                            QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.getName(),
                            QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.getDataType()))));
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
    return findBySha256
        .with(QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.getName(), documentSha256)
        .queryFirst(QuarantineRepository::read);
  }

  /** Newest first. */
  public List<QuarantinedDocument> list(int limit) {
    return RenderedStatement.readAll(
        dsl.selectFrom(QUARANTINED_DOCUMENTS)
            .orderBy(
                QUARANTINED_DOCUMENTS.QUARANTINED_AT.desc(),
                QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.asc())
            .limit(limit),
        QuarantineRepository::read);
  }

  /** Lets the document be processed again; false if it was not quarantined. */
  public boolean release(String documentSha256) {
    return dsl.deleteFrom(QUARANTINED_DOCUMENTS)
            .where(QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.eq(documentSha256))
            .execute()
        == 1;
  }

  private static QuarantinedDocument read(ResultSet row) throws SQLException {
    return new QuarantinedDocument(
        row.getString(QUARANTINED_DOCUMENTS.DOCUMENT_SHA256.getName()),
        row.getObject(QUARANTINED_DOCUMENTS.JOB_ID.getName(), UUID.class),
        row.getString(QUARANTINED_DOCUMENTS.REASON.getName()),
        row.getInt(QUARANTINED_DOCUMENTS.ATTEMPTS.getName()),
        instant(
            row.getObject(QUARANTINED_DOCUMENTS.QUARANTINED_AT.getName(), OffsetDateTime.class)));
  }
}
