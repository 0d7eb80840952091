-- Jobs: the source of truth for every accepted document. Portable DDL only (H2 in PostgreSQL
-- mode and PostgreSQL); PostgreSQL-only statements live in ../postgresql.
CREATE TABLE jobs (
    id              UUID                     NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    document_sha256 CHAR(64)                 NOT NULL,
    file_name       VARCHAR(255)             NOT NULL,
    media_type      VARCHAR(255)             NOT NULL,
    size_bytes      BIGINT                   NOT NULL,
    options         TEXT                     NOT NULL,
    page_count      INTEGER,
    error_code      VARCHAR(64),
    error_message   VARCHAR(2000),
    attempts        INTEGER                  NOT NULL DEFAULT 0,
    node_id         VARCHAR(64),
    request_id      VARCHAR(128)             NOT NULL,
    CONSTRAINT jobs_pk PRIMARY KEY (id),
    CONSTRAINT jobs_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    CONSTRAINT jobs_size_check CHECK (size_bytes >= 0),
    CONSTRAINT jobs_attempts_check CHECK (attempts >= 0)
);

-- Listing newest first with a keyset cursor on (created_at, id).
CREATE INDEX jobs_created_idx ON jobs (created_at, id);
CREATE INDEX jobs_sha256_idx ON jobs (document_sha256);
