//! SQL for `audit_events`.

use sqlx::FromRow;

use super::{Exec, on};

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct AuditRow {
    pub at: i64,
    pub event: String,
    pub username: Option<String>,
    pub client_id: Option<String>,
    pub ip: Option<String>,
    pub detail: String,
}

pub async fn insert(db: impl Into<Exec<'_>>, row: &AuditRow) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "INSERT INTO audit_events (at, event, username, client_id, ip, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(row.at)
    .bind(&row.event)
    .bind(&row.username)
    .bind(&row.client_id)
    .bind(&row.ip)
    .bind(&row.detail)
    .execute(p)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The INSERT of one row, for a SQLite write batch: its six binds, in the
/// order of `INSERT INTO audit_events (at, event, username, client_id, ip, detail)`.
pub fn bind_row(q: super::sqlite::Batch, row: &AuditRow) -> super::sqlite::Batch {
    q.bind(row.at)
        .bind(row.event.clone())
        .bind(row.username.clone())
        .bind(row.client_id.clone())
        .bind(row.ip.clone())
        .bind(row.detail.clone())
}

/// Events since `since` (unix seconds), optionally for one user (any
/// case), oldest first.
pub async fn list(
    db: impl Into<Exec<'_>>,
    username: Option<&str>,
    since: i64,
    limit: i64,
) -> sqlx::Result<Vec<AuditRow>> {
    on!(db, |p| sqlx::query_as(
        "SELECT at, event, username, client_id, ip, detail FROM audit_events \
         WHERE at >= $1 AND ($2 IS NULL OR lower(username) = lower($2)) ORDER BY at, id LIMIT $3",
    )
    .bind(since)
    .bind(username)
    .bind(limit)
    .fetch_all(p)
    .await)
}
