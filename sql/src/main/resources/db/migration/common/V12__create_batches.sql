-- Batches: many jobs submitted together, followed and cancelled as one. A batch is open while
-- its jobs are being created (job_count null) and sealed with their number; it completes, once,
-- when that many of its jobs have ended: completed_at is set by a conditional update, so that of
-- the nodes that see the last jobs end exactly one publishes batch.completed.
CREATE TABLE batches (
    id           UUID                     NOT NULL,
    owner        VARCHAR(200)             NOT NULL,
    job_count    INTEGER,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT batches_pk PRIMARY KEY (id)
);

-- A job's batch, if it was submitted in one, and the URL its document was fetched from (without
-- credentials), if it was.
ALTER TABLE jobs ADD COLUMN batch_id UUID;
ALTER TABLE jobs ADD COLUMN source_url VARCHAR(2048);

-- A batch's jobs, in the order the batch listing pages them, and its counts by status.
CREATE INDEX jobs_batch_idx ON jobs (batch_id, created_at, id);
