-- Second factors: TOTP, passkeys and recovery codes, plus one-time
-- enrollment links for recovery by an administrator.

CREATE TABLE totp_credentials (
    user_id        INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    -- Base32 secret, sealed with the instance secret key (see src/secrets.rs).
    secret         TEXT NOT NULL,
    -- The last accepted time step: a code is accepted once (RFC 6238 5.2).
    last_used_step INTEGER,
    created_at     INTEGER NOT NULL
);

CREATE TABLE passkeys (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- base64url credential id, to find the passkey of a discoverable login.
    credential_id   TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    -- webauthn-rs `Passkey` as JSON (public key, counter, backup flags).
    passkey         TEXT NOT NULL,
    sign_count      INTEGER NOT NULL DEFAULT 0,
    backup_eligible INTEGER NOT NULL DEFAULT 0,
    backup_state    INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    last_used_at    INTEGER
);
CREATE INDEX passkeys_user ON passkeys(user_id);

CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   INTEGER,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE enrollment_links (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

-- Failure counters for throttling: one row per key ("user:42", "ip:…").
CREATE TABLE throttle (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER NOT NULL
);
