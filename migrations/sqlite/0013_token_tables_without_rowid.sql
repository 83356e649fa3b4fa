-- Tokens are found by their digest only. Keyed by it (WITHOUT ROWID), a
-- token is one b-tree entry instead of a row plus a separate index on the
-- digest, so issuing a pair and spending a token write fewer pages: the hot
-- path of every refresh. Nothing references these tables.
CREATE TABLE access_tokens_keyed (
    token_hash TEXT PRIMARY KEY,
    grant_id   TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    scope      TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
) WITHOUT ROWID;
INSERT INTO access_tokens_keyed (token_hash, grant_id, scope, expires_at, revoked_at)
    SELECT token_hash, grant_id, scope, expires_at, revoked_at FROM access_tokens;
DROP TABLE access_tokens;
ALTER TABLE access_tokens_keyed RENAME TO access_tokens;
CREATE INDEX access_tokens_grant ON access_tokens(grant_id);

CREATE TABLE refresh_tokens_keyed (
    token_hash TEXT PRIMARY KEY,
    grant_id   TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    scope      TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    -- Set when rotated; presenting a rotated token again revokes the grant.
    used_at    INTEGER,
    revoked_at INTEGER
) WITHOUT ROWID;
INSERT INTO refresh_tokens_keyed (token_hash, grant_id, scope, expires_at, used_at, revoked_at)
    SELECT token_hash, grant_id, scope, expires_at, used_at, revoked_at FROM refresh_tokens;
DROP TABLE refresh_tokens;
ALTER TABLE refresh_tokens_keyed RENAME TO refresh_tokens;
CREATE INDEX refresh_tokens_grant ON refresh_tokens(grant_id);
