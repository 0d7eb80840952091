-- The SHA-256 of the JSON result a job succeeded with, so that a result that no longer matches
-- (a blob store restored from another copy than the database) is never served and can be listed
-- (docgrid db verify-blobs). Null for jobs that succeeded before it was recorded.
ALTER TABLE jobs ADD COLUMN result_sha256 CHAR(64);
