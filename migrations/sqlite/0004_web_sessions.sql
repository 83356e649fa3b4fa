-- The pages' session state (pending authorization, CSRF token, ceremony
-- state), owned by db::web_sessions. It replaces the table tower-sessions'
-- SQLite store kept, whose expiry was text that the purge never matched.
-- Logins are in browser_sessions and are kept: only a login page that was
-- open during the upgrade has to be reloaded.
DROP TABLE IF EXISTS tower_sessions;
CREATE TABLE web_sessions (
    id         TEXT PRIMARY KEY NOT NULL,
    -- JSON object of the session's values.
    data       TEXT NOT NULL,
    -- Unix seconds.
    expires_at INTEGER NOT NULL
);
