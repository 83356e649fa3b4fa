-- Several instances over one database (issue 13; the same version in
-- migrations/sqlite/, less the change notifications).

-- At most one active signing key per algorithm: of two instances that
-- rotate at once, the second's insert fails and it reloads the winner's key.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (alg) WHERE retired_at IS NULL;

-- Leases for periodic jobs, so that one instance runs each: an instance
-- claims a job by moving next_run_at forward with a conditional UPDATE.
CREATE TABLE maintenance (job TEXT PRIMARY KEY, next_run_at BIGINT NOT NULL, last_run_by TEXT);
INSERT INTO maintenance (job, next_run_at) VALUES ('purge', 0);

-- PostgreSQL only: every instance caches sessions and users, and LISTENs on
-- 'latchkey_identity' to drop its cache when another instance changes what
-- the cache holds. FOR EACH STATEMENT, and PostgreSQL folds identical
-- notifications of one transaction into one, sent at commit (none on
-- rollback). UPDATE OF id, forward_id, amr keeps the last_seen_at touch of every
-- request silent; user_groups changes what the claims say.
CREATE FUNCTION latchkey_identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('latchkey_identity', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER browser_sessions_identity
AFTER DELETE OR UPDATE OF id, forward_id, amr ON browser_sessions
FOR EACH STATEMENT EXECUTE FUNCTION latchkey_identity_changed();
CREATE TRIGGER users_identity
AFTER DELETE OR UPDATE OF disabled, username, email, name, given_name, family_name ON users
FOR EACH STATEMENT EXECUTE FUNCTION latchkey_identity_changed();
CREATE TRIGGER user_groups_identity
AFTER INSERT OR UPDATE OR DELETE ON user_groups
FOR EACH STATEMENT EXECUTE FUNCTION latchkey_identity_changed();
