-- Result cache: whether a job's result was reused instead of computed (a cache hit, or a job that
-- waited for an identical job in flight), and, while it waits, the job whose result it will reuse.
ALTER TABLE jobs ADD COLUMN cache_hit BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE jobs ADD COLUMN follows_job_id UUID;

-- A finishing job looks up the jobs waiting for it.
CREATE INDEX jobs_follows_job_idx ON jobs (follows_job_id);
