-- Version 13 rebuilt SQLite's token tables WITHOUT ROWID (keyed by the
-- digest alone, fewer pages per refresh). PostgreSQL tables have no rowid:
-- nothing to change; the version keeps both dialects aligned.
SELECT 1;
