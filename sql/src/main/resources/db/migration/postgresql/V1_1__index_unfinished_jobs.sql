-- Recovery at start-up scans unfinished jobs only; a partial index keeps that scan small
-- however many finished jobs accumulate. PostgreSQL only (H2 has no partial indexes).
CREATE INDEX jobs_unfinished_idx ON jobs (created_at) WHERE status IN ('queued', 'running');
