-- The page language a user chose (issue 14): a shipped code such as "de",
-- or NULL to follow the browser. The same version in both dialects.
ALTER TABLE users ADD COLUMN locale TEXT;
