package io.docgrid.sql.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored job. Timestamps are UTC instants at microsecond precision, the finest both databases
 * keep; the nullable ones are unset until the job reaches that point.
 */
public record Job(
    UUID id,
    JobStatus status,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt,
    String documentSha256,
    String fileName,
    String mediaType,
    long sizeBytes,
    String options,
    Integer pageCount,
    String errorCode,
    String errorMessage,
    int attempts,
    String nodeId,
    String requestId,
    PageProgress pages) {}
