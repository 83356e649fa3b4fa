//! SQL for `email_links`: one-time links sent by email, by digest.

use super::{Exec, Tx, on};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Proves `email` is the user's; confirming it makes it their address.
    Confirm,
    /// Starts a password reset (the user still needs a second factor).
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Confirm => "confirm",
            Purpose::Reset => "reset",
        }
    }
}

/// The user and address a live link is for.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Link {
    pub user_id: i64,
    pub email: String,
    pub expires_at: i64,
}

/// Makes `token_hash` the user's one link of this purpose (an older one
/// stops working).
pub async fn replace(
    tx: &mut Tx,
    purpose: Purpose,
    user_id: i64,
    email: &str,
    token_hash: &str,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    on!(&mut *tx, |p| sqlx::query(
        "DELETE FROM email_links WHERE user_id = $1 AND purpose = $2"
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .execute(p)
    .await
    .map(|_| ()))?;
    on!(&mut *tx, |p| sqlx::query(
        "INSERT INTO email_links (token_hash, purpose, user_id, email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(token_hash)
    .bind(purpose.as_str())
    .bind(user_id)
    .bind(email)
    .bind(now)
    .bind(expires_at)
    .execute(p)
    .await
    .map(|_| ()))
}

/// The live link with this digest, without using it up.
pub async fn peek(
    db: impl Into<Exec<'_>>,
    purpose: Purpose,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<Link>> {
    on!(db, |p| sqlx::query_as(
        "SELECT user_id, email, expires_at FROM email_links \
         WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3"
    )
    .bind(token_hash)
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(p)
    .await)
}

/// Uses the link up: of two concurrent uses, one gets it.
pub async fn take(
    db: impl Into<Exec<'_>>,
    purpose: Purpose,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<Link>> {
    on!(db, |p| sqlx::query_as(
        "DELETE FROM email_links WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3 \
         RETURNING user_id, email, expires_at"
    )
    .bind(token_hash)
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(p)
    .await)
}

/// The user's live link of this purpose, if any (for the account page).
pub async fn pending(
    db: impl Into<Exec<'_>>,
    purpose: Purpose,
    user_id: i64,
    now: i64,
) -> sqlx::Result<Option<Link>> {
    on!(db, |p| sqlx::query_as(
        "SELECT user_id, email, expires_at FROM email_links \
         WHERE user_id = $1 AND purpose = $2 AND expires_at > $3"
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(p)
    .await)
}

/// Ends every link of this purpose for the user.
pub async fn drop_all(db: impl Into<Exec<'_>>, purpose: Purpose, user_id: i64) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "DELETE FROM email_links WHERE user_id = $1 AND purpose = $2"
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .execute(p)
    .await
    .map(|_| ()))
}
