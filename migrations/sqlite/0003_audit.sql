-- The audit trail: security events, never secrets, codes or passwords.
CREATE TABLE audit_events (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    -- e.g. login_succeeded, login_failed, lockout, factor_enrolled,
    -- token_issued, token_revoked, admin_user_added, forward_auth_denied.
    event     TEXT NOT NULL,
    username  TEXT,
    client_id TEXT,
    ip        TEXT,
    -- Free text: the method, the path, the CLI command.
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_at ON audit_events(at);
CREATE INDEX audit_events_user ON audit_events(username, at);
