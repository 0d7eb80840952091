-- Job leases: the API node that dispatched a job holds it until the lease expires, renewing it
-- while the job runs. A job whose holder left the grid or let its lease lapse is queued again.
ALTER TABLE jobs ADD COLUMN lease_owner VARCHAR(64);
ALTER TABLE jobs ADD COLUMN lease_expires_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX jobs_lease_owner_idx ON jobs (lease_owner);

-- Documents that took down the workers processing them: submissions of the same bytes fail fast
-- until an admin releases them.
CREATE TABLE quarantined_documents (
    document_sha256 CHAR(64)                 NOT NULL,
    job_id          UUID                     NOT NULL,
    reason          VARCHAR(2000)            NOT NULL,
    attempts        INTEGER                  NOT NULL,
    quarantined_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT quarantined_documents_pk PRIMARY KEY (document_sha256)
);
