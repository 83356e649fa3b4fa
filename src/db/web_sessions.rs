//! SQL for `web_sessions`: the pages' session state behind the
//! tower-sessions layer (see `web::session_store`). On SQLite, writes are
//! single-statement transactions under the write gate.

use super::sqlite::write_batch;
use super::{Db, Exec, now, on, transaction};

const INSERT_NEW: &str = transaction!(
    "INSERT OR IGNORE INTO web_sessions (id, data, expires_at) VALUES (?, ?, ?); \
     SELECT changes()"
);

/// Stores a new session; false (nothing written) if the id is taken.
pub async fn insert_new(db: &Db, id: &str, data: &str, expires_at: i64) -> sqlx::Result<bool> {
    match db {
        Db::Sqlite(pool) => {
            let batch = sqlx::query_scalar(INSERT_NEW)
                .bind(id.to_string())
                .bind(data.to_string())
                .bind(expires_at);
            Ok(write_batch(pool, batch).await? == Some(1))
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(pool) => {
            let r = sqlx::query(
                "INSERT INTO web_sessions (id, data, expires_at) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(data)
            .bind(expires_at)
            .execute(pool)
            .await?;
            Ok(r.rows_affected() == 1)
        }
    }
}

pub async fn upsert(db: &Db, id: &str, data: &str, expires_at: i64) -> sqlx::Result<()> {
    match db {
        Db::Sqlite(pool) => {
            const UPSERT: &str = transaction!(
                "INSERT INTO web_sessions (id, data, expires_at) VALUES (?, ?, ?) \
                 ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at; \
                 SELECT changes()"
            );
            let batch = sqlx::query_scalar(UPSERT)
                .bind(id.to_string())
                .bind(data.to_string())
                .bind(expires_at);
            write_batch(pool, batch).await.map(|_| ())
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(pool) => sqlx::query(
            "INSERT INTO web_sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .execute(pool)
        .await
        .map(|_| ()),
    }
}

pub async fn delete(db: &Db, id: &str) -> sqlx::Result<()> {
    match db {
        Db::Sqlite(pool) => {
            const DELETE: &str =
                transaction!("DELETE FROM web_sessions WHERE id = ?; SELECT changes()");
            write_batch(pool, sqlx::query_scalar(DELETE).bind(id.to_string()))
                .await
                .map(|_| ())
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(pool) => sqlx::query("DELETE FROM web_sessions WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ()),
    }
}

/// The data and expiry of a session that has not expired.
pub async fn live(db: impl Into<Exec<'_>>, id: &str) -> sqlx::Result<Option<(String, i64)>> {
    on!(db, |p| sqlx::query_as(
        "SELECT data, expires_at FROM web_sessions WHERE id = $1 AND expires_at > $2"
    )
    .bind(id)
    .bind(now())
    .fetch_optional(p)
    .await)
}

/// How many records there are, and how many of them outlive `t` (unix
/// seconds): what anonymous traffic costs (F7).
pub async fn count(db: impl Into<Exec<'_>>, t: i64) -> sqlx::Result<(i64, i64)> {
    on!(db, |p| sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE expires_at > $1) FROM web_sessions"
    )
    .bind(t)
    .fetch_one(p)
    .await)
}
