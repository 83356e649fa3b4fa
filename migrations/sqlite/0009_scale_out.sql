-- Several instances over one database (issue 13; the same version in
-- migrations/postgres/, where it also adds the change notifications).

-- At most one active signing key per algorithm: of two instances that
-- rotate at once, the second's insert fails and it reloads the winner's key.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (alg) WHERE retired_at IS NULL;

-- Leases for periodic jobs, so that one instance runs each: an instance
-- claims a job by moving next_run_at forward with a conditional UPDATE.
CREATE TABLE maintenance (job TEXT PRIMARY KEY, next_run_at INTEGER NOT NULL, last_run_by TEXT);
INSERT INTO maintenance (job, next_run_at) VALUES ('purge', 0);
