-- perfbot job queue, version 8: whether a failed job's failure reached its user. A worker
-- reports every failed job once (check run, sticky comment, reply), also one that failed
-- while no worker ran it (its lease ran out after the last attempt); a report that GitHub
-- refused is tried again later. Times are milliseconds since the epoch.

ALTER TABLE jobs ADD COLUMN reported_at INTEGER;                      -- the failure was shown (or given up on)
ALTER TABLE jobs ADD COLUMN report_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN report_after INTEGER;                     -- no report try before this time (backoff, or a worker holds it)

-- Failures from before this version were reported by the worker that saw them (or never can be).
UPDATE jobs SET reported_at = coalesce(finished_at, updated_at) WHERE state = 'failed';
CREATE INDEX jobs_unreported ON jobs (id) WHERE state = 'failed' AND reported_at IS NULL;
