-- Resumable uploads (tus 1.0): the state of each upload, so that any API node can answer where
-- one stands. The bytes are staged apart (docs/uploads.md); upload_offset only ever grows, by a
-- conditional update, so two PATCHes racing on one upload cannot both append.
CREATE TABLE uploads (
    id            UUID                     NOT NULL,
    owner         VARCHAR(200)             NOT NULL,
    upload_length BIGINT                   NOT NULL,
    upload_offset BIGINT                   NOT NULL,
    file_name     VARCHAR(255),
    metadata      VARCHAR(4096),
    document_sha256 CHAR(64),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uploads_pk PRIMARY KEY (id)
);

-- The expiry sweep deletes by time.
CREATE INDEX uploads_expires_idx ON uploads (expires_at);

-- Upload by hash: has this owner stored these bytes?
CREATE INDEX jobs_owner_document_idx ON jobs (owner, document_sha256);
