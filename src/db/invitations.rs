//! SQL for `invitations`.

use sqlx::FromRow;

use super::{Exec, Tx, on};

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    /// Preset by the administrator; otherwise the invitee chooses.
    pub username: Option<String>,
    /// Comma-separated group names.
    #[serde(skip)]
    pub groups: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl Invitation {
    pub fn group_list(&self) -> Vec<String> {
        self.groups
            .split(',')
            .filter(|g| !g.is_empty())
            .map(str::to_string)
            .collect()
    }
}

const COLUMNS: &str = "id, email, username, groups, created_at, expires_at, used_at, revoked_at";

pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub email: &'a str,
    pub username: Option<&'a str>,
    pub groups: &'a [String],
    pub created_at: i64,
    pub expires_at: i64,
}

pub async fn insert(db: impl Into<Exec<'_>>, i: &NewInvitation<'_>) -> sqlx::Result<i64> {
    on!(db, |p| sqlx::query_scalar(
        "INSERT INTO invitations (token_hash, email, username, groups, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(i.token_hash)
    .bind(i.email)
    .bind(i.username)
    .bind(i.groups.join(","))
    .bind(i.created_at)
    .bind(i.expires_at)
    .fetch_one(p)
    .await)
}

/// Newest first.
pub async fn list(db: impl Into<Exec<'_>>) -> sqlx::Result<Vec<Invitation>> {
    let sql = format!("SELECT {COLUMNS} FROM invitations ORDER BY id DESC");
    on!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)
}

pub async fn by_id(db: impl Into<Exec<'_>>, id: i64) -> sqlx::Result<Option<Invitation>> {
    let sql = format!("SELECT {COLUMNS} FROM invitations WHERE id = $1");
    on!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

/// Revokes an invitation that is still open; false when there is none.
pub async fn revoke(db: impl Into<Exec<'_>>, id: i64, now: i64) -> sqlx::Result<bool> {
    let n = on!(db, |p| {
        sqlx::query(
        "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL"
    )
    .bind(now)
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// The open invitation with this digest: not used, revoked or expired.
pub async fn peek(
    db: impl Into<Exec<'_>>,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<Invitation>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invitations WHERE token_hash = $1 \
         AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2"
    );
    on!(db, |p| sqlx::query_as(&sql)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(p)
        .await)
}

/// Uses the invitation up for the new user, inside the transaction that
/// creates them: of two concurrent uses, one gets it.
pub async fn take(tx: &mut Tx, token_hash: &str, now: i64, user_id: i64) -> sqlx::Result<bool> {
    let n = on!(&mut *tx, |p| sqlx::query(
        "UPDATE invitations SET used_at = $1, used_by = $2 WHERE token_hash = $3 \
         AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1"
    )
    .bind(now)
    .bind(user_id)
    .bind(token_hash)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
