package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.JOBS;

import io.docgrid.sql.model.FirstLook;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.JobSuccess;
import io.docgrid.sql.model.NewJob;
import io.docgrid.sql.model.PageProgress;
import io.docgrid.sql.schema.tables.records.JobsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Stores jobs and moves them between states. Every transition is a single conditional update, so
 * two nodes racing on the same job cannot both win; the boolean results say whether this call did.
 */
public final class JobRepository {

  static final int MAX_ERROR_MESSAGE_LENGTH = 2000;

  private final DSLContext dsl;
  private final JobStatements statements;

  public JobRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.statements = new JobStatements(dsl);
  }

  /** Stores {@code job} as queued with no attempts, and returns it as stored. */
  public Job insertQueued(NewJob job) {
    return insertQueued(job, null, null, null);
  }

  /**
   * Stores {@code job} as queued and already leased to {@code leaseOwner}, the node about to
   * dispatch it with what only it knows (a password is never stored): no other node's sweep can
   * claim it in between.
   */
  public Job insertLeased(NewJob job, String leaseOwner, Instant leaseExpiresAt) {
    return insertQueued(
        job,
        null,
        Objects.requireNonNull(leaseOwner, "leaseOwner"),
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt"));
  }

  /**
   * Stores {@code job} as queued, waiting for the identical job {@code leader} to finish so that it
   * reuses its result instead of being dispatched; written in one statement, so that no dispatch
   * can see the job before it knows it waits.
   */
  public Job insertFollower(NewJob job, UUID leader) {
    return insertQueued(job, Objects.requireNonNull(leader, "leader"), null, null);
  }

  private Job insertQueued(NewJob job, UUID leader, String leaseOwner, Instant leaseExpiresAt) {
    OffsetDateTime createdAt = utc(job.createdAt());
    return statements
        .insert
        .with("id", job.id())
        .with("created_at", createdAt)
        .with("updated_at", createdAt)
        .with("document_sha256", job.documentSha256())
        .with("file_name", job.fileName())
        .with("media_type", job.mediaType())
        .with("size_bytes", job.sizeBytes())
        .with("options", job.options())
        .with("request_id", job.requestId())
        .with("owner", job.owner())
        .with("tier", job.tier())
        .with("follows_job_id", leader)
        .with("lease_owner", leaseOwner)
        .with("lease_expires_at", utc(leaseExpiresAt))
        .with("batch_id", job.batchId())
        .with("source_url", job.sourceUrl())
        .queryFirst(JobStatements::read)
        .orElseThrow(
            () -> new IllegalStateException("the insert of job " + job.id() + " returned no row"));
  }

  public Optional<Job> findById(UUID id) {
    return statements.findById.with("id", id).queryFirst(JobStatements::read);
  }

  /**
   * Up to {@code limit} jobs, newest first, starting strictly after {@code after} when present.
   * Ties on the creation time are broken by id, so paging never skips or repeats a job.
   */
  public List<Job> listNewestFirst(int limit, Optional<JobCursor> after) {
    return listNewestFirst(limit, after, Optional.empty());
  }

  /**
   * Like {@link #listNewestFirst(int, Optional)}, but only the jobs of {@code owner} when present.
   */
  public List<Job> listNewestFirst(int limit, Optional<JobCursor> after, Optional<String> owner) {
    Condition owned = owner.map(JOBS.OWNER::eq).orElse(DSL.noCondition());
    return dsl.selectFrom(JOBS)
        .where(owned, newestFirstAfter(after))
        .orderBy(JOBS.CREATED_AT.desc(), JOBS.ID.desc())
        .limit(limit)
        .fetch(JobRepository::toJob);
  }

  /** Claims a queued job for {@code nodeId}, counting one more attempt. */
  public boolean markRunning(UUID id, String nodeId, Instant at) {
    OffsetDateTime now = utc(at);
    return dsl.update(JOBS)
            .set(JOBS.STATUS, JobStatus.RUNNING.wireName())
            .set(JOBS.NODE_ID, nodeId)
            .set(JOBS.STARTED_AT, now)
            .set(JOBS.UPDATED_AT, now)
            .set(JOBS.ATTEMPTS, JOBS.ATTEMPTS.plus(1))
            .where(JOBS.ID.eq(id), hasStatus(JobStatus.QUEUED))
            .execute()
        == 1;
  }

  /** Finishes a queued or running job successfully, clearing any earlier error. */
  public boolean markSucceeded(UUID id, int pageCount, Instant at) {
    return markSucceeded(id, pageCount, null, at);
  }

  /**
   * Finishes a queued or running job as succeeded, with its final page counts in the same update:
   * progress messages still in flight then find the job finished and change nothing.
   */
  public boolean markSucceeded(UUID id, int pageCount, PageProgress pages, Instant at) {
    return markSucceeded(id, pageCount, pages, at, false);
  }

  /**
   * Like {@link #markSucceeded(UUID, int, PageProgress, Instant)}, for a job whose result was
   * reused from an identical job rather than computed.
   */
  public boolean markSucceededFromCache(UUID id, int pageCount, PageProgress pages, Instant at) {
    return markSucceeded(id, pageCount, pages, at, true);
  }

  private boolean markSucceeded(
      UUID id, int pageCount, PageProgress pages, Instant at, boolean cacheHit) {
    OffsetDateTime now = utc(at);
    var update =
        dsl.update(JOBS)
            .set(JOBS.STATUS, JobStatus.SUCCEEDED.wireName())
            .set(JOBS.CACHE_HIT, cacheHit);
    if (pages != null) {
      update =
          update
              .set(JOBS.PAGES_TOTAL, pages.total())
              .set(JOBS.PAGES_DONE, pages.done())
              .set(JOBS.PAGES_FAILED, pages.failed())
              .set(JOBS.PAGES_OCR, pages.ocr());
    }
    return update
            .set(JOBS.PAGE_COUNT, pageCount)
            .set(JOBS.FINISHED_AT, now)
            .set(JOBS.UPDATED_AT, now)
            .setNull(JOBS.ERROR_CODE)
            .setNull(JOBS.ERROR_MESSAGE)
            .where(JOBS.ID.eq(id), hasStatus(JobStatus.QUEUED, JobStatus.RUNNING))
            .execute()
        == 1;
  }

  /**
   * Finishes a queued or running job as succeeded, in one update that also records its document's
   * facts, its final page counts and, if its start was never written, where and when it started.
   * Returns the finished job, or empty when it had ended meanwhile or {@code success} names a lease
   * holder that no longer holds it (another node took the job over: this outcome is not its own).
   */
  public Optional<Job> succeed(UUID id, JobSuccess success, Instant at) {
    OffsetDateTime now = utc(at);
    FirstLook look = success.firstLook();
    PageProgress pages = success.pages();
    RenderedStatement statement =
        !success.computed()
            ? statements.succeedReused
            : success.leaseHolder() == null
                ? statements.succeedComputed
                : statements.succeedComputedLeased;
    RenderedStatement.Run run =
        statement
            .with("id", id)
            .with("media_type", look.mediaType())
            .with("page_count", look.pageCount())
            .with("document_encrypted", look.encrypted())
            .with("pages_total", pages.total())
            .with("pages_done", pages.done())
            .with("pages_failed", pages.failed())
            .with("pages_ocr", pages.ocr())
            .with("finished_at", now)
            .with("updated_at", now)
            .with("result_sha256", success.resultSha256());
    if (success.computed()) {
      run.with("started_at", utc(success.startedAt())).with("node_id", success.nodeId());
      if (success.leaseHolder() != null) {
        run.with("lease_owner", success.leaseHolder());
      }
    }
    return run.queryFirst(JobStatements::read);
  }

  /**
   * Records what the first look at a job's document found, once: the refined media type, its page
   * count, the pages the job processes and whether it was encrypted. Returns true when this call
   * recorded them, so that whatever follows from them (charging the pages) happens once.
   */
  public boolean recordFirstLook(UUID id, FirstLook look, Instant at) {
    return dsl.update(JOBS)
            .set(JOBS.MEDIA_TYPE, look.mediaType())
            .set(JOBS.PAGE_COUNT, look.pageCount())
            .set(JOBS.PAGES_TOTAL, look.selectedPages())
            .set(JOBS.DOCUMENT_ENCRYPTED, look.encrypted())
            .set(JOBS.UPDATED_AT, utc(at))
            .where(
                JOBS.ID.eq(id),
                JOBS.PAGE_COUNT.isNull(),
                hasStatus(JobStatus.QUEUED, JobStatus.RUNNING))
            .execute()
        == 1;
  }

  /** Finishes a queued or running job as failed; the message is cut to what the column holds. */
  public boolean markFailed(UUID id, String errorCode, String errorMessage, Instant at) {
    OffsetDateTime now = utc(at);
    return dsl.update(JOBS)
            .set(JOBS.STATUS, JobStatus.FAILED.wireName())
            .set(JOBS.ERROR_CODE, errorCode)
            .set(JOBS.ERROR_MESSAGE, truncated(errorMessage))
            .set(JOBS.FINISHED_AT, now)
            .set(JOBS.UPDATED_AT, now)
            .where(JOBS.ID.eq(id), hasStatus(JobStatus.QUEUED, JobStatus.RUNNING))
            .execute()
        == 1;
  }

  /** Puts a running job back in the queue, for instance after its node left the grid. */
  public boolean requeue(UUID id, Instant at) {
    return dsl.update(JOBS)
            .set(JOBS.STATUS, JobStatus.QUEUED.wireName())
            .setNull(JOBS.NODE_ID)
            // The job starts over: pages done by the lost run are done again.
            .set(JOBS.PAGES_DONE, 0)
            .set(JOBS.PAGES_FAILED, 0)
            .set(JOBS.PAGES_OCR, 0)
            .set(JOBS.UPDATED_AT, utc(at))
            .where(JOBS.ID.eq(id), hasStatus(JobStatus.RUNNING))
            .execute()
        == 1;
  }

  /** Records how many pages an unfinished job will process. */
  public boolean setPagesTotal(UUID id, int total, Instant at) {
    return dsl.update(JOBS)
            .set(JOBS.PAGES_TOTAL, total)
            .set(JOBS.UPDATED_AT, utc(at))
            .where(JOBS.ID.eq(id), hasStatus(JobStatus.QUEUED, JobStatus.RUNNING))
            .execute()
        == 1;
  }

  /** Adds finished pages to a running job's progress, atomically in the database. */
  public boolean addPagesDone(UUID id, int done, int failed, int ocr, Instant at) {
    return dsl.update(JOBS)
            .set(JOBS.PAGES_DONE, JOBS.PAGES_DONE.plus(done))
            .set(JOBS.PAGES_FAILED, JOBS.PAGES_FAILED.plus(failed))
            .set(JOBS.PAGES_OCR, JOBS.PAGES_OCR.plus(ocr))
            .set(JOBS.UPDATED_AT, utc(at))
            .where(JOBS.ID.eq(id), hasStatus(JobStatus.QUEUED, JobStatus.RUNNING))
            .execute()
        == 1;
  }

  /** The queued jobs that wait for {@code leader} to finish, oldest first. */
  public List<Job> findFollowers(UUID leader) {
    return dsl.selectFrom(JOBS)
        .where(JOBS.FOLLOWS_JOB_ID.eq(leader), hasStatus(JobStatus.QUEUED))
        .orderBy(JOBS.CREATED_AT.asc(), JOBS.ID.asc())
        .fetch(JobRepository::toJob);
  }

  /**
   * Queued followers whose leader has already ended, oldest first: they were left waiting when no
   * node was there to hand the leader's result on (a crash between the two).
   */
  public List<Job> findFollowersOfFinished(int limit) {
    var leader = JOBS.as("leader");
    return dsl.select(JOBS.fields())
        .from(JOBS)
        .join(leader)
        .on(leader.ID.eq(JOBS.FOLLOWS_JOB_ID))
        .where(
            hasStatus(JobStatus.QUEUED),
            leader.STATUS.in(
                JobStatus.SUCCEEDED.wireName(),
                JobStatus.FAILED.wireName(),
                JobStatus.CANCELLED.wireName()))
        .orderBy(JOBS.CREATED_AT.asc(), JOBS.ID.asc())
        .limit(limit)
        .fetchInto(JOBS)
        .map(JobRepository::toJob);
  }

  /**
   * Claims a queued follower for resolution: it stops waiting for its leader. Only one caller wins,
   * so a follower is completed or dispatched once however many nodes notice its leader finished.
   */
  public boolean detachFollower(UUID id) {
    return dsl.update(JOBS)
            .setNull(JOBS.FOLLOWS_JOB_ID)
            .where(JOBS.ID.eq(id), JOBS.FOLLOWS_JOB_ID.isNotNull(), hasStatus(JobStatus.QUEUED))
            .execute()
        == 1;
  }

  /** Queued and running jobs, oldest first: what recovery at start-up must look at. */
  public List<Job> findUnfinished() {
    return dsl.selectFrom(JOBS)
        .where(hasStatus(JobStatus.QUEUED, JobStatus.RUNNING))
        .orderBy(JOBS.CREATED_AT.asc(), JOBS.ID.asc())
        .fetch(JobRepository::toJob);
  }

  public long countByStatus(JobStatus status) {
    return dsl.fetchCount(JOBS, hasStatus(status));
  }

  /** When the longest-waiting job in {@code status} was submitted; empty when there is none. */
  public Optional<Instant> oldestCreatedAt(JobStatus status) {
    OffsetDateTime oldest =
        dsl.select(DSL.min(JOBS.CREATED_AT))
            .from(JOBS)
            .where(hasStatus(status))
            .fetchOne()
            .value1();
    return Optional.ofNullable(oldest).map(Timestamps::instant);
  }

  /** How many of {@code owner}'s jobs are queued or running. */
  public long countUnfinishedByOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    return statements
        .countUnfinishedByOwner
        .with("owner", owner)
        .queryFirst(row -> row.getLong(1))
        .orElse(0L);
  }

  /** Cancels a queued or running job; false if it had already ended. */
  public boolean markCancelled(UUID id, Instant at) {
    return dsl.update(JOBS)
            .set(JOBS.STATUS, JobStatus.CANCELLED.wireName())
            .set(JOBS.FINISHED_AT, utc(at))
            .set(JOBS.UPDATED_AT, utc(at))
            .where(JOBS.ID.eq(id), hasStatus(JobStatus.QUEUED, JobStatus.RUNNING))
            .execute()
        == 1;
  }

  /**
   * Finished jobs of {@code tier} that ended before {@code finishedBefore} and still hold their
   * document and result, oldest first.
   */
  public List<Job> findPurgeable(String tier, Instant finishedBefore, int limit) {
    return dsl.selectFrom(JOBS)
        .where(
            JOBS.TIER.eq(tier),
            JOBS.PURGED_AT.isNull(),
            JOBS.FINISHED_AT.lt(utc(finishedBefore)),
            hasStatus(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED))
        .orderBy(JOBS.FINISHED_AT.asc(), JOBS.ID.asc())
        .limit(limit)
        .fetch(JobRepository::toJob);
  }

  /**
   * Ended jobs whose ending was recorded between {@code endedAfter} and {@code endedBefore} and
   * never told to those who follow it: the node that recorded it stopped first. Oldest first.
   */
  public List<Job> findEndedUntold(Instant endedAfter, Instant endedBefore, int limit) {
    return dsl.selectFrom(JOBS)
        .where(
            JOBS.ENDING_TOLD.isFalse(),
            JOBS.FINISHED_AT.ge(utc(endedAfter)),
            JOBS.FINISHED_AT.lt(utc(endedBefore)),
            hasStatus(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED))
        .orderBy(JOBS.FINISHED_AT.asc(), JOBS.ID.asc())
        .limit(limit)
        .fetch(JobRepository::toJob);
  }

  /** Records that those who follow these jobs' endings have been told of them. */
  public void markEndingsTold(Collection<UUID> ids) {
    if (!ids.isEmpty()) {
      dsl.update(JOBS).set(JOBS.ENDING_TOLD, true).where(JOBS.ID.in(ids)).execute();
    }
  }

  /**
   * Jobs computed (not reused from the cache) that succeeded at or after {@code since}, newest
   * first: the cluster's recent throughput, for estimates.
   */
  public List<Job> findComputedSince(Instant since, int limit) {
    return dsl.selectFrom(JOBS)
        .where(
            JOBS.STATUS.eq(JobStatus.SUCCEEDED.wireName()),
            JOBS.CACHE_HIT.isFalse(),
            JOBS.STARTED_AT.isNotNull(),
            JOBS.FINISHED_AT.ge(utc(since)))
        .orderBy(JOBS.FINISHED_AT.desc(), JOBS.ID.desc())
        .limit(limit)
        .fetch(JobRepository::toJob);
  }

  /** Records that a finished job's document and result are gone; false if already recorded. */
  public boolean markPurged(UUID id, Instant at) {
    return dsl.update(JOBS)
            .set(JOBS.PURGED_AT, utc(at))
            .where(
                JOBS.ID.eq(id),
                JOBS.PURGED_AT.isNull(),
                hasStatus(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED))
            .execute()
        == 1;
  }

  /** Whether a job that is not purged still needs the document with this hash. */
  public boolean isDocumentInUse(String documentSha256) {
    return dsl.fetchExists(JOBS, JOBS.DOCUMENT_SHA256.eq(documentSha256), JOBS.PURGED_AT.isNull());
  }

  /**
   * Queues a failed or cancelled job again, as if just submitted: its error, progress and end are
   * cleared; its attempts are kept. False if it is not failed or cancelled, or its document is
   * gone.
   */
  public boolean retry(UUID id, Instant at) {
    OffsetDateTime now = utc(at);
    return dsl.update(JOBS)
            .set(JOBS.STATUS, JobStatus.QUEUED.wireName())
            .setNull(JOBS.ERROR_CODE)
            .setNull(JOBS.ERROR_MESSAGE)
            .setNull(JOBS.FINISHED_AT)
            .set(JOBS.ENDING_TOLD, false)
            .setNull(JOBS.STARTED_AT)
            .setNull(JOBS.NODE_ID)
            .setNull(JOBS.LEASE_OWNER)
            .setNull(JOBS.LEASE_EXPIRES_AT)
            .set(JOBS.PAGES_DONE, 0)
            .set(JOBS.PAGES_FAILED, 0)
            .set(JOBS.PAGES_OCR, 0)
            .set(JOBS.UPDATED_AT, now)
            .where(
                JOBS.ID.eq(id),
                JOBS.PURGED_AT.isNull(),
                hasStatus(JobStatus.FAILED, JobStatus.CANCELLED))
            .execute()
        == 1;
  }

  private static Condition hasStatus(JobStatus... statuses) {
    return JOBS.STATUS.in(Arrays.stream(statuses).map(JobStatus::wireName).toList());
  }

  static String truncated(String message) {
    if (message == null || message.length() <= MAX_ERROR_MESSAGE_LENGTH) {
      return message;
    }
    int end = MAX_ERROR_MESSAGE_LENGTH;
    // Never split a surrogate pair: half a character is not valid text for the driver to encode.
    if (Character.isHighSurrogate(message.charAt(end - 1))) {
      end--;
    }
    return message.substring(0, end);
  }

  /** Jobs strictly after {@code after} in the newest-first order, or all when it is empty. */
  static Condition newestFirstAfter(Optional<JobCursor> after) {
    return after
        .map(cursor -> DSL.row(JOBS.CREATED_AT, JOBS.ID).lt(utc(cursor.createdAt()), cursor.id()))
        .orElse(DSL.noCondition());
  }

  static Job toJob(JobsRecord row) {
    return new Job(
        row.getId(),
        JobStatus.fromWireName(row.getStatus()),
        instant(row.getCreatedAt()),
        instant(row.getStartedAt()),
        instant(row.getFinishedAt()),
        instant(row.getUpdatedAt()),
        row.getDocumentSha256(),
        row.getFileName(),
        row.getMediaType(),
        row.getSizeBytes(),
        row.getOptions(),
        row.getPageCount(),
        row.getErrorCode(),
        row.getErrorMessage(),
        row.getAttempts(),
        row.getNodeId(),
        row.getRequestId(),
        new PageProgress(
            row.getPagesTotal(), row.getPagesDone(), row.getPagesFailed(), row.getPagesOcr()),
        row.getOwner(),
        row.getTier(),
        instant(row.getPurgedAt()),
        row.getCacheHit(),
        row.getFollowsJobId(),
        row.getDocumentEncrypted(),
        row.getResultSha256(),
        row.getBatchId(),
        row.getSourceUrl());
  }
}
