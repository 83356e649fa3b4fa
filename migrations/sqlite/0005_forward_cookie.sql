-- The forward-auth cookie carries its own random token, whose digest is
-- `forward_id`: it answers forward-auth questions only and never opens a
-- page, so the copy every app under `cookie_domain` receives is worth less
-- than the host-only login cookie. Sessions from before this have none and
-- need a new sign-in for forward auth.
ALTER TABLE browser_sessions ADD COLUMN forward_id TEXT;
CREATE UNIQUE INDEX browser_sessions_forward ON browser_sessions(forward_id);
