-- Whether the user proved their address (issue 15): by an invitation, a
-- confirmation link, or an administrator's word. `email_verified` in tokens
-- is this column. Addresses that exist before this version were typed by an
-- administrator, who vouched for them: they stay verified. New users start
-- unverified unless the administrator asserts it.
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;
UPDATE users SET email_verified = 1;
