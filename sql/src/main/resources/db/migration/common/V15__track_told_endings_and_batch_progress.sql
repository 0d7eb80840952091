-- Whether those who follow a job's ending (its webhook endpoints, its batch) have been told of it.
-- A node that stops between recording an ending and telling it leaves this false, and a sweep on
-- any node tells it later. Jobs are stored with false from this release on; the default is for
-- the rows already there and those that nodes of the release before write during a rolling
-- upgrade: they tell endings their own way and are never swept.
ALTER TABLE jobs ADD COLUMN ending_told BOOLEAN DEFAULT TRUE NOT NULL;
CREATE INDEX jobs_ending_told_idx ON jobs (ending_told, finished_at);

-- An event reaches an endpoint once, however often it is published: an ending told twice (by its
-- node and by the sweep), or a batch completed on two nodes at once, records one delivery.
CREATE UNIQUE INDEX webhook_deliveries_event_idx ON webhook_deliveries (endpoint_id, event_id);

-- When the node creating a batch's jobs last made progress (the default serves batches already
-- there and those that nodes of the release before open). A batch left open (job_count null) for
-- longer than one item can take was abandoned by a node that stopped: a sweep seals it with the
-- jobs it has, so that it can complete.
ALTER TABLE batches ADD COLUMN touched_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
