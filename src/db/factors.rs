//! SQL for second factors: `totp_credentials`, `passkeys`, `recovery_codes`,
//! and `enrollment_links`.

use sqlx::FromRow;

use super::{Exec, Tx, now, on};

/// Whether the user has any second factor; one indexed lookup per table.
pub async fn has_any(db: impl Into<Exec<'_>>, user_id: i64) -> sqlx::Result<bool> {
    on!(db, |p| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM totp_credentials WHERE user_id = $1) \
             OR EXISTS (SELECT 1 FROM passkeys WHERE user_id = $1)",
    )
    .bind(user_id)
    .fetch_one(p)
    .await)
}

#[derive(Debug, Clone, FromRow)]
pub struct Totp {
    pub user_id: i64,
    /// Sealed base32 secret.
    pub secret: String,
    pub last_used_step: Option<i64>,
    pub created_at: i64,
}

pub async fn totp(db: impl Into<Exec<'_>>, user_id: i64) -> sqlx::Result<Option<Totp>> {
    on!(db, |p| {
        sqlx::query_as("SELECT user_id, secret, last_used_step, created_at FROM totp_credentials WHERE user_id = $1")
        .bind(user_id)
.fetch_optional(p)
.await
    })
}

pub async fn all_totp(db: impl Into<Exec<'_>>) -> sqlx::Result<Vec<Totp>> {
    on!(db, |p| sqlx::query_as(
        "SELECT user_id, secret, last_used_step, created_at FROM totp_credentials"
    )
    .fetch_all(p)
    .await)
}

/// Sets (or replaces) the user's TOTP secret; `step` is the step used to
/// confirm it, which may not be used again.
pub async fn set_totp(
    db: impl Into<Exec<'_>>,
    user_id: i64,
    sealed: &str,
    step: i64,
) -> sqlx::Result<()> {
    on!(db, |p| {
        sqlx::query(
        "INSERT INTO totp_credentials (user_id, secret, last_used_step, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, \
         last_used_step = excluded.last_used_step, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(sealed)
    .bind(step)
    .bind(now())
.execute(p)
.await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn reseal_totp(db: impl Into<Exec<'_>>, user_id: i64, sealed: &str) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "UPDATE totp_credentials SET secret = $1 WHERE user_id = $2"
    )
    .bind(sealed)
    .bind(user_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records `step` as used if it is newer than the last one. False means a
/// replay (RFC 6238 5.2); the compare-and-set makes concurrent uses safe.
pub async fn use_totp_step(db: impl Into<Exec<'_>>, user_id: i64, step: i64) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "UPDATE totp_credentials SET last_used_step = $1 \
         WHERE user_id = $2 AND (last_used_step IS NULL OR last_used_step < $1)",
    )
    .bind(step)
    .bind(user_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn delete_totp(db: impl Into<Exec<'_>>, user_id: i64) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "DELETE FROM totp_credentials WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct PasskeyRow {
    pub id: i64,
    pub user_id: i64,
    pub credential_id: String,
    pub name: String,
    pub passkey: String,
    pub sign_count: i64,
    pub backup_eligible: bool,
    pub backup_state: bool,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

const PASSKEY_COLUMNS: &str = "id, user_id, credential_id, name, passkey, sign_count, backup_eligible, \
                               backup_state, created_at, last_used_at";

pub struct NewPasskey<'a> {
    pub user_id: i64,
    pub credential_id: &'a str,
    pub name: &'a str,
    pub passkey: &'a str,
    pub sign_count: i64,
    pub backup_eligible: bool,
    pub backup_state: bool,
}

pub async fn insert_passkey(db: impl Into<Exec<'_>>, new: &NewPasskey<'_>) -> sqlx::Result<i64> {
    on!(db, |p| sqlx::query_scalar(
        "INSERT INTO passkeys (user_id, credential_id, name, passkey, sign_count, backup_eligible, \
         backup_state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(new.user_id)
    .bind(new.credential_id)
    .bind(new.name)
    .bind(new.passkey)
    .bind(new.sign_count)
    .bind(new.backup_eligible)
    .bind(new.backup_state)
    .bind(now())
    .fetch_one(p)
    .await)
}

pub async fn passkeys(db: impl Into<Exec<'_>>, user_id: i64) -> sqlx::Result<Vec<PasskeyRow>> {
    on!(db, |p| sqlx::query_as(&format!(
        "SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE user_id = $1 ORDER BY created_at"
    ))
    .bind(user_id)
    .fetch_all(p)
    .await)
}

pub async fn passkey_by_credential(
    db: impl Into<Exec<'_>>,
    credential_id: &str,
) -> sqlx::Result<Option<PasskeyRow>> {
    on!(db, |p| sqlx::query_as(&format!(
        "SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE credential_id = $1"
    ))
    .bind(credential_id)
    .fetch_optional(p)
    .await)
}

/// Stores the updated counter and backup flags after a login.
pub async fn passkey_used(
    db: impl Into<Exec<'_>>,
    id: i64,
    passkey: &str,
    sign_count: i64,
    backup_eligible: bool,
    backup_state: bool,
) -> sqlx::Result<()> {
    on!(db, |p| {
        sqlx::query(
        "UPDATE passkeys SET passkey = $1, sign_count = $2, backup_eligible = $3, backup_state = $4, \
         last_used_at = $5 WHERE id = $6",
    )
    .bind(passkey)
    .bind(sign_count)
    .bind(backup_eligible)
    .bind(backup_state)
    .bind(now())
    .bind(id)
.execute(p)
.await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn rename_passkey(
    db: impl Into<Exec<'_>>,
    user_id: i64,
    id: i64,
    name: &str,
) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "UPDATE passkeys SET name = $1 WHERE id = $2 AND user_id = $3"
    )
    .bind(name)
    .bind(id)
    .bind(user_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn delete_passkey(db: impl Into<Exec<'_>>, user_id: i64, id: i64) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "DELETE FROM passkeys WHERE id = $1 AND user_id = $2"
    )
    .bind(id)
    .bind(user_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

/// Replaces the user's recovery codes (digests); run inside a transaction.
pub async fn set_recovery_codes(tx: &mut Tx, user_id: i64, hashes: &[String]) -> sqlx::Result<()> {
    on!(&mut *tx, |p| sqlx::query(
        "DELETE FROM recovery_codes WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    for h in hashes {
        on!(&mut *tx, |p| sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)"
        )
        .bind(user_id)
        .bind(h)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Marks a recovery code used; false if unknown or already used.
pub async fn use_recovery_code(
    db: impl Into<Exec<'_>>,
    user_id: i64,
    hash: &str,
) -> sqlx::Result<bool> {
    let r = on!(db, |p| {
        sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL")
        .bind(now())
        .bind(user_id)
        .bind(hash)
.execute(p)
.await.map(|r| r.rows_affected())
    })?;
    Ok(r == 1)
}

pub async fn recovery_codes_left(db: impl Into<Exec<'_>>, user_id: i64) -> sqlx::Result<i64> {
    on!(db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL"
    )
    .bind(user_id)
    .fetch_one(p)
    .await)
}

/// Removes every factor and recovery code (admin reset).
pub async fn delete_all(tx: &mut Tx, user_id: i64) -> sqlx::Result<()> {
    for table in ["totp_credentials", "passkeys", "recovery_codes"] {
        on!(&mut *tx, |p| sqlx::query(&format!(
            "DELETE FROM {table} WHERE user_id = $1"
        ))
        .bind(user_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

pub async fn insert_enrollment_link(
    db: impl Into<Exec<'_>>,
    hash: &str,
    user_id: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "INSERT INTO enrollment_links (token_hash, user_id, expires_at) VALUES ($1, $2, $3)"
    )
    .bind(hash)
    .bind(user_id)
    .bind(expires_at)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Consumes a live enrollment link; returns its user.
pub async fn take_enrollment_link(
    db: impl Into<Exec<'_>>,
    hash: &str,
) -> sqlx::Result<Option<i64>> {
    on!(db, |p| {
        sqlx::query_scalar(
        "UPDATE enrollment_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         RETURNING user_id",
    )
    .bind(now())
    .bind(hash)
.fetch_optional(p)
.await
    })
}

/// The user of a live enrollment link, without consuming it.
pub async fn peek_enrollment_link(
    db: impl Into<Exec<'_>>,
    hash: &str,
) -> sqlx::Result<Option<i64>> {
    on!(db, |p| {
        sqlx::query_scalar("SELECT user_id FROM enrollment_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
        .bind(hash)
        .bind(now())
.fetch_optional(p)
.await
    })
}
