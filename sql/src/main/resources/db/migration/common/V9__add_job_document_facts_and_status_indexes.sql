-- What a job's first look at its document found, kept so that planning and dispatch never read the
-- document again: media_type is refined in place (a zip that is a DOCX), page_count and pages_total
-- are set, and whether the document was encrypted is recorded here. NULL until it was looked at.
ALTER TABLE jobs ADD COLUMN document_encrypted BOOLEAN;

-- Every submission counts the queued jobs (the queue limit) and the caller's unfinished jobs (the
-- tier's concurrency limit): lookups in these indexes, not scans of every job ever run.
CREATE INDEX jobs_status_idx ON jobs (status);
CREATE INDEX jobs_owner_status_idx ON jobs (owner, status);
