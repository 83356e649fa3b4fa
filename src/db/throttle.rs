//! SQL for `throttle`: failure counters with a lock time, per key.

use sqlx::{FromRow, SqliteExecutor};

use super::now;

#[derive(Debug, Clone, FromRow)]
pub struct KeyedThrottle {
    pub key: String,
    pub locked_until: i64,
}

/// The rows of up to two keys, in one statement (a login checks the
/// account and the address together).
pub async fn get_pair(
    db: impl SqliteExecutor<'_>,
    first: &str,
    second: &str,
) -> sqlx::Result<Vec<KeyedThrottle>> {
    sqlx::query_as("SELECT key, locked_until FROM throttle WHERE key IN (?, ?)")
        .bind(first)
        .bind(second)
        .fetch_all(db)
        .await
}

/// Counts a failure; returns the new count.
pub async fn record_failure(db: impl SqliteExecutor<'_>, key: &str) -> sqlx::Result<i64> {
    let t = now();
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO throttle (key, failures, updated_at) VALUES (?1, 1, ?2) \
         ON CONFLICT (key) DO UPDATE SET failures = failures + 1, updated_at = ?2 RETURNING failures",
    )
    .bind(key)
    .bind(t)
    .fetch_one(db)
    .await?;
    Ok(failures)
}

pub async fn lock_until(db: impl SqliteExecutor<'_>, key: &str, until: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE throttle SET locked_until = ? WHERE key = ?")
        .bind(until)
        .bind(key)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn clear(db: impl SqliteExecutor<'_>, key: &str) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM throttle WHERE key = ?")
        .bind(key)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}
