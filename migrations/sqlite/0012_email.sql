-- Whether the user proved their address (issue 15): by an invitation, a
-- confirmation link, or an administrator's word. `email_verified` in tokens
-- is this column. Addresses that exist before this version were typed by an
-- administrator, who vouched for them: they stay verified. New users start
-- unverified unless the administrator asserts it.
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;
UPDATE users SET email_verified = 1;

-- One-time links sent by email (issue 15), stored as SHA-256 digests:
-- `confirm` proves an address (`email` is the address to confirm), `reset`
-- starts a password reset. At most one of each purpose per user.
CREATE TABLE email_links (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX email_links_user ON email_links (user_id, purpose);

-- Invitations (latchkey invite create): a single-use link, by digest, to
-- create an account for `email` (verified by using the link), with the
-- username preset or chosen, and these groups (comma-separated).
CREATE TABLE invitations (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    email      TEXT NOT NULL,
    username   TEXT,
    groups     TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    used_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    revoked_at INTEGER
);

-- Security notices (issue 15): mail about a sign-in from a new device, which
-- the user may turn off on the account page. The other notices always go.
ALTER TABLE users ADD COLUMN notify_new_device INTEGER NOT NULL DEFAULT 1;
