-- Result retention: when a finished job's stored document and result were deleted, its tier's
-- retention having passed. The job row stays, so clients get 410 instead of 404 and usage adds up.
ALTER TABLE jobs ADD COLUMN purged_at TIMESTAMP WITH TIME ZONE;

-- The retention sweep looks for finished, unpurged jobs of one tier by age.
CREATE INDEX jobs_tier_finished_idx ON jobs (tier, finished_at);
