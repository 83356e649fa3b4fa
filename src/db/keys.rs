//! SQL for `signing_keys`.

use sqlx::FromRow;

use super::{Exec, Tx, on};

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
pub async fn published(db: impl Into<Exec<'_>>, retired_after: i64) -> sqlx::Result<Vec<KeyRow>> {
    on!(db, |p| sqlx::query_as(
        "SELECT kid, alg, private_jwk, public_jwk, created_at, retired_at FROM signing_keys \
         WHERE retired_at IS NULL OR retired_at > $1 ORDER BY created_at DESC, kid DESC",
    )
    .bind(retired_after)
    .fetch_all(p)
    .await)
}

pub async fn all(db: impl Into<Exec<'_>>) -> sqlx::Result<Vec<KeyRow>> {
    on!(db, |p| sqlx::query_as(
        "SELECT kid, alg, private_jwk, public_jwk, created_at, retired_at FROM signing_keys \
         ORDER BY created_at DESC, kid DESC",
    )
    .fetch_all(p)
    .await)
}

/// Retires the active key of `alg` and inserts `key` as the new active one.
pub async fn replace_active(tx: &mut Tx, key: &KeyRow) -> sqlx::Result<()> {
    on!(&mut *tx, |p| sqlx::query(
        "UPDATE signing_keys SET retired_at = $1 WHERE alg = $2 AND retired_at IS NULL"
    )
    .bind(key.created_at)
    .bind(&key.alg)
    .execute(p)
    .await
    .map(|_| ()))?;
    on!(&mut *tx, |p| sqlx::query(
        "INSERT INTO signing_keys (kid, alg, private_jwk, public_jwk, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&key.kid)
    .bind(&key.alg)
    .bind(&key.private_jwk)
    .bind(&key.public_jwk)
    .bind(key.created_at)
    .execute(p)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Inserts `key` as the active key of its algorithm unless one is active
/// already: instances starting together on an empty database each try,
/// and the index of one active key per algorithm (migration 9) lets one
/// in. False when another instance's key was there first.
pub async fn insert_first(db: impl Into<Exec<'_>>, key: &KeyRow) -> sqlx::Result<bool> {
    let n = on!(db, |p| sqlx::query(
        "INSERT INTO signing_keys (kid, alg, private_jwk, public_jwk, created_at) \
         SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS \
           (SELECT 1 FROM signing_keys WHERE alg = $2 AND retired_at IS NULL) \
         ON CONFLICT DO NOTHING",
    )
    .bind(&key.kid)
    .bind(&key.alg)
    .bind(&key.private_jwk)
    .bind(&key.public_jwk)
    .bind(key.created_at)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A cheap fingerprint of the key table, to notice rotations by another
/// process: keys are only ever added and retired, never deleted, so the
/// two counts change with every rotation.
pub async fn version(db: impl Into<Exec<'_>>) -> sqlx::Result<(i64, i64)> {
    on!(db, |p| sqlx::query_as(
        "SELECT count(*), count(retired_at) FROM signing_keys"
    )
    .fetch_one(p)
    .await)
}

/// Rewrites a sealed private key (after a secret-key rotation).
pub async fn set_private(db: impl Into<Exec<'_>>, kid: &str, sealed: &str) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "UPDATE signing_keys SET private_jwk = $1 WHERE kid = $2"
    )
    .bind(sealed)
    .bind(kid)
    .execute(p)
    .await
    .map(|_| ()))?;
    Ok(())
}
