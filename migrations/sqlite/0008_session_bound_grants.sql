-- Grants bound to a login (OIDC Core 11): a grant made without
-- `offline_access` records the browser session it came from in
-- grants.session_ref, and its refresh tokens end with that login.
-- Offline-access grants leave session_ref NULL and outlive the login.

-- A login's id is the digest of its cookie token, which changes whenever
-- the login is upgraded (a second factor, a rotated cookie): session_ref
-- follows it, in the same statement, whichever code rotates it.
CREATE TRIGGER browser_session_id_rotated
AFTER UPDATE OF id ON browser_sessions
WHEN OLD.id <> NEW.id
BEGIN
    UPDATE grants SET session_ref = NEW.id WHERE session_ref = OLD.id;
END;

-- Whatever ends a login (logout, "sign out" of a session on the account
-- page, expiry, an admin reset, a new login in the same browser) revokes
-- the grants bound to it, and with them their access and refresh tokens.
CREATE TRIGGER browser_session_ended
AFTER DELETE ON browser_sessions
BEGIN
    UPDATE grants SET revoked_at = CAST(strftime('%s', 'now') AS INTEGER)
    WHERE session_ref = OLD.id AND revoked_at IS NULL;
END;
