-- "Remember this device" (issue 14): a login the user asked to keep lives
-- until this instant (unix seconds) instead of the idle and absolute
-- limits, once both factors are done. NULL for every other login.
ALTER TABLE browser_sessions ADD COLUMN remembered_until BIGINT;
