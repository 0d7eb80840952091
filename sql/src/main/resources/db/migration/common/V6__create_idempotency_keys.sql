-- Idempotency-Key on job submission: a caller's key maps to the job it created and to a hash of
-- the request, so a retry gets the same job and a different request under the same key is refused.
CREATE TABLE idempotency_keys (
    owner          VARCHAR(200)             NOT NULL,
    idem_key       VARCHAR(255)             NOT NULL,
    request_sha256 CHAR(64)                 NOT NULL,
    job_id         UUID                     NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_keys_pk PRIMARY KEY (owner, idem_key)
);

-- Expiry deletes by age.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
