//! SQL for `audit_events`.

use sqlx::{FromRow, SqliteExecutor};

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct AuditRow {
    pub at: i64,
    pub event: String,
    pub username: Option<String>,
    pub client_id: Option<String>,
    pub ip: Option<String>,
    pub detail: String,
}

pub async fn insert(db: impl SqliteExecutor<'_>, row: &AuditRow) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO audit_events (at, event, username, client_id, ip, detail) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(row.at)
        .bind(&row.event)
        .bind(&row.username)
        .bind(&row.client_id)
        .bind(&row.ip)
        .bind(&row.detail)
        .execute(db)
        .await?;
    Ok(())
}

/// The INSERT of one row, for a write batch: its six binds, in the order
/// of `INSERT INTO audit_events (at, event, username, client_id, ip, detail)`.
pub fn bind_row<'q>(
    q: sqlx::query::QueryScalar<'q, sqlx::Sqlite, i64, sqlx::sqlite::SqliteArguments<'q>>,
    row: &AuditRow,
) -> sqlx::query::QueryScalar<'q, sqlx::Sqlite, i64, sqlx::sqlite::SqliteArguments<'q>> {
    q.bind(row.at)
        .bind(row.event.clone())
        .bind(row.username.clone())
        .bind(row.client_id.clone())
        .bind(row.ip.clone())
        .bind(row.detail.clone())
}

/// Events since `since` (unix seconds), optionally for one user, oldest first.
pub async fn list(
    db: impl SqliteExecutor<'_>,
    username: Option<&str>,
    since: i64,
    limit: i64,
) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as(
        "SELECT at, event, username, client_id, ip, detail FROM audit_events \
         WHERE at >= ?1 AND (?2 IS NULL OR username = ?2 COLLATE NOCASE) ORDER BY at, id LIMIT ?3",
    )
    .bind(since)
    .bind(username)
    .bind(limit)
    .fetch_all(db)
    .await
}
