//! SQL for `web_sessions`: the pages' session state behind the
//! tower-sessions layer (see `web::session_store`). Writes are
//! single-statement transactions under the write gate.

use sqlx::SqliteExecutor;

use super::{Db, now, transaction, write_batch};

const INSERT_NEW: &str = transaction!(
    "INSERT OR IGNORE INTO web_sessions (id, data, expires_at) VALUES (?, ?, ?); \
     SELECT changes()"
);

/// Stores a new session; false (nothing written) if the id is taken.
pub async fn insert_new(db: &Db, id: &str, data: &str, expires_at: i64) -> sqlx::Result<bool> {
    let batch = sqlx::query_scalar(INSERT_NEW)
        .bind(id.to_string())
        .bind(data.to_string())
        .bind(expires_at);
    Ok(write_batch(db, batch).await? == Some(1))
}

const UPSERT: &str = transaction!(
    "INSERT INTO web_sessions (id, data, expires_at) VALUES (?, ?, ?) \
     ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at; \
     SELECT changes()"
);

pub async fn upsert(db: &Db, id: &str, data: &str, expires_at: i64) -> sqlx::Result<()> {
    let batch = sqlx::query_scalar(UPSERT)
        .bind(id.to_string())
        .bind(data.to_string())
        .bind(expires_at);
    write_batch(db, batch).await.map(|_| ())
}

const DELETE: &str = transaction!("DELETE FROM web_sessions WHERE id = ?; SELECT changes()");

pub async fn delete(db: &Db, id: &str) -> sqlx::Result<()> {
    write_batch(db, sqlx::query_scalar(DELETE).bind(id.to_string()))
        .await
        .map(|_| ())
}

/// The data and expiry of a session that has not expired.
pub async fn live(db: impl SqliteExecutor<'_>, id: &str) -> sqlx::Result<Option<(String, i64)>> {
    sqlx::query_as("SELECT data, expires_at FROM web_sessions WHERE id = ? AND expires_at > ?")
        .bind(id)
        .bind(now())
        .fetch_optional(db)
        .await
}

/// How many records there are, and how many of them outlive `t` (unix
/// seconds): what anonymous traffic costs (F7).
pub async fn count(db: impl SqliteExecutor<'_>, t: i64) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as("SELECT count(*), coalesce(sum(expires_at > ?), 0) FROM web_sessions")
        .bind(t)
        .fetch_one(db)
        .await
}
