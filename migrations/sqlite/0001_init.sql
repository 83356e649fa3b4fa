-- Latchkey schema. Times are INTEGER unix seconds. Columns named *_hash hold
-- SHA-256 digests (base64url) of random tokens; the tokens themselves are never stored.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    -- The OIDC `sub`: random, stable and opaque (never the username).
    subject       TEXT NOT NULL UNIQUE,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email         TEXT NOT NULL,
    name          TEXT,
    given_name    TEXT,
    family_name   TEXT,
    -- argon2id PHC string; NULL until set (an enrollment link can set it).
    password_hash TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE user_groups (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    group_name TEXT NOT NULL,
    PRIMARY KEY (user_id, group_name)
);

CREATE TABLE clients (
    client_id      TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    -- NULL for public clients.
    secret_hash    TEXT,
    first_party    INTEGER NOT NULL DEFAULT 0,
    require_pkce   INTEGER NOT NULL DEFAULT 0,
    -- RS256 (default), ES256 or EdDSA.
    id_token_alg   TEXT NOT NULL DEFAULT 'RS256',
    -- NULL: follow the global MFA policy; 0/1 override it.
    require_mfa    INTEGER,
    created_at     INTEGER NOT NULL
);

CREATE TABLE client_redirect_uris (
    client_id TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    -- 'login' (redirect_uri) or 'logout' (post_logout_redirect_uri).
    kind      TEXT NOT NULL CHECK (kind IN ('login', 'logout')),
    uri       TEXT NOT NULL,
    PRIMARY KEY (client_id, kind, uri)
);

CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY,
    alg         TEXT NOT NULL,
    private_jwk TEXT NOT NULL,
    public_jwk  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    -- Set when a newer key of the same alg replaces it; the public key stays
    -- published until every token it signed has expired.
    retired_at  INTEGER
);

-- A grant is one login's authorization for one client: the code, and every
-- access and refresh token it produced, belong to it, so that revoking a grant
-- (code reuse, refresh-token reuse, logout, consent revoked) revokes them all.
CREATE TABLE grants (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scope       TEXT NOT NULL,
    nonce       TEXT,
    auth_time   INTEGER NOT NULL,
    amr         TEXT NOT NULL,
    acr         TEXT NOT NULL,
    -- The browser session that made it, for logout.
    session_ref TEXT,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX grants_user ON grants(user_id);
CREATE INDEX grants_session ON grants(session_ref);

CREATE TABLE authorization_codes (
    code_hash      TEXT PRIMARY KEY,
    grant_id       TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    code_challenge TEXT,
    expires_at     INTEGER NOT NULL,
    -- Kept after use so that a second use can be detected (RFC 6749 4.1.2).
    used_at        INTEGER
);

CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id   TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    scope      TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX access_tokens_grant ON access_tokens(grant_id);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id   TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    scope      TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    -- Set when rotated; presenting a rotated token again revokes the grant.
    used_at    INTEGER,
    revoked_at INTEGER
);
CREATE INDEX refresh_tokens_grant ON refresh_tokens(grant_id);

CREATE TABLE consents (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    -- Space-separated scopes the user agreed to.
    scope      TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, client_id)
);

-- A logged-in browser session, found through the login cookie. Deleting a
-- row (logout, "revoke session", user disabled) ends that login at once, for
-- pages and forward auth alike.
CREATE TABLE browser_sessions (
    -- Digest of the login cookie's random token.
    id           TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    auth_time    INTEGER NOT NULL,
    -- JSON array of RFC 8176 amr values.
    amr          TEXT NOT NULL,
    user_agent   TEXT,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX browser_sessions_user ON browser_sessions(user_id);
