-- Whether the user proved their address (issue 15): by an invitation, a
-- confirmation link, or an administrator's word. `email_verified` in tokens
-- is this column. Addresses that exist before this version were typed by an
-- administrator, who vouched for them: they stay verified. New users start
-- unverified unless the administrator asserts it.
ALTER TABLE users ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE users SET email_verified = TRUE;

-- One-time links sent by email (issue 15), stored as SHA-256 digests:
-- `confirm` proves an address (`email` is the address to confirm), `reset`
-- starts a password reset. At most one of each purpose per user.
CREATE TABLE email_links (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX email_links_user ON email_links (user_id, purpose);
