//! SQL for `signing_keys`.

use sqlx::{FromRow, SqliteConnection, SqliteExecutor};

#[derive(Clone, FromRow)]
pub struct KeyRow {
    pub kid: String,
    pub alg: String,
    pub private_jwk: String,
    pub public_jwk: String,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

impl std::fmt::Debug for KeyRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyRow")
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("private_jwk", &"<redacted>")
            .field("created_at", &self.created_at)
            .field("retired_at", &self.retired_at)
            .finish()
    }
}

/// Keys that are active, or retired after `retired_after` (still published).
pub async fn published(
    db: impl SqliteExecutor<'_>,
    retired_after: i64,
) -> sqlx::Result<Vec<KeyRow>> {
    sqlx::query_as(
        "SELECT kid, alg, private_jwk, public_jwk, created_at, retired_at FROM signing_keys \
         WHERE retired_at IS NULL OR retired_at > ? ORDER BY created_at DESC, rowid DESC",
    )
    .bind(retired_after)
    .fetch_all(db)
    .await
}

pub async fn all(db: impl SqliteExecutor<'_>) -> sqlx::Result<Vec<KeyRow>> {
    sqlx::query_as(
        "SELECT kid, alg, private_jwk, public_jwk, created_at, retired_at FROM signing_keys \
         ORDER BY created_at DESC, rowid DESC",
    )
    .fetch_all(db)
    .await
}

/// Retires the active key of `alg` and inserts `key` as the new active one.
pub async fn replace_active(conn: &mut SqliteConnection, key: &KeyRow) -> sqlx::Result<()> {
    sqlx::query("UPDATE signing_keys SET retired_at = ? WHERE alg = ? AND retired_at IS NULL")
        .bind(key.created_at)
        .bind(&key.alg)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO signing_keys (kid, alg, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&key.kid)
    .bind(&key.alg)
    .bind(&key.private_jwk)
    .bind(&key.public_jwk)
    .bind(key.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A cheap fingerprint of the key table, to notice rotations by another process.
pub async fn version(db: impl SqliteExecutor<'_>) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as("SELECT count(*), coalesce(max(rowid), 0) + coalesce(sum(retired_at IS NOT NULL), 0) FROM signing_keys")
        .fetch_one(db)
        .await
}

/// Rewrites a sealed private key (after a secret-key rotation).
pub async fn set_private(db: impl SqliteExecutor<'_>, kid: &str, sealed: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE signing_keys SET private_jwk = ? WHERE kid = ?")
        .bind(sealed)
        .bind(kid)
        .execute(db)
        .await?;
    Ok(())
}
