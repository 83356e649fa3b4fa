-- Address counters (`pwd:ip:…`, `mfa:ip:…`) count failures in a window
-- that starts at the first failure after the last window ended; account
-- counters leave this at the time of their last attempt.
ALTER TABLE throttle ADD COLUMN window_start INTEGER NOT NULL DEFAULT 0;
