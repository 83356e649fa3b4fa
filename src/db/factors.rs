//! SQL for second factors: `totp_credentials`, `passkeys`, `recovery_codes`,
//! and `enrollment_links`.

use sqlx::{FromRow, SqliteConnection, SqliteExecutor};

use super::now;

/// Whether the user has any second factor; one indexed lookup per table.
pub async fn has_any(db: impl SqliteExecutor<'_>, user_id: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM totp_credentials WHERE user_id = ?1) \
             OR EXISTS (SELECT 1 FROM passkeys WHERE user_id = ?1)",
    )
    .bind(user_id)
    .fetch_one(db)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct Totp {
    pub user_id: i64,
    /// Sealed base32 secret.
    pub secret: String,
    pub last_used_step: Option<i64>,
    pub created_at: i64,
}

pub async fn totp(db: impl SqliteExecutor<'_>, user_id: i64) -> sqlx::Result<Option<Totp>> {
    sqlx::query_as("SELECT user_id, secret, last_used_step, created_at FROM totp_credentials WHERE user_id = ?")
        .bind(user_id)
        .fetch_optional(db)
        .await
}

pub async fn all_totp(db: impl SqliteExecutor<'_>) -> sqlx::Result<Vec<Totp>> {
    sqlx::query_as("SELECT user_id, secret, last_used_step, created_at FROM totp_credentials")
        .fetch_all(db)
        .await
}

/// Sets (or replaces) the user's TOTP secret; `step` is the step used to
/// confirm it, which may not be used again.
pub async fn set_totp(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    sealed: &str,
    step: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO totp_credentials (user_id, secret, last_used_step, created_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, \
         last_used_step = excluded.last_used_step, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(sealed)
    .bind(step)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}

pub async fn reseal_totp(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    sealed: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE totp_credentials SET secret = ? WHERE user_id = ?")
        .bind(sealed)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Records `step` as used if it is newer than the last one. False means a
/// replay (RFC 6238 5.2); the compare-and-set makes concurrent uses safe.
pub async fn use_totp_step(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    step: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE totp_credentials SET last_used_step = ?1 \
         WHERE user_id = ?2 AND (last_used_step IS NULL OR last_used_step < ?1)",
    )
    .bind(step)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn delete_totp(db: impl SqliteExecutor<'_>, user_id: i64) -> sqlx::Result<bool> {
    let r = sqlx::query("DELETE FROM totp_credentials WHERE user_id = ?")
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
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

pub async fn insert_passkey(db: impl SqliteExecutor<'_>, p: &NewPasskey<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO passkeys (user_id, credential_id, name, passkey, sign_count, backup_eligible, \
         backup_state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(p.user_id)
    .bind(p.credential_id)
    .bind(p.name)
    .bind(p.passkey)
    .bind(p.sign_count)
    .bind(p.backup_eligible)
    .bind(p.backup_state)
    .bind(now())
    .fetch_one(db)
    .await
}

pub async fn passkeys(db: impl SqliteExecutor<'_>, user_id: i64) -> sqlx::Result<Vec<PasskeyRow>> {
    sqlx::query_as(&format!(
        "SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE user_id = ? ORDER BY created_at"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await
}

pub async fn passkey_by_credential(
    db: impl SqliteExecutor<'_>,
    credential_id: &str,
) -> sqlx::Result<Option<PasskeyRow>> {
    sqlx::query_as(&format!(
        "SELECT {PASSKEY_COLUMNS} FROM passkeys WHERE credential_id = ?"
    ))
    .bind(credential_id)
    .fetch_optional(db)
    .await
}

/// Stores the updated counter and backup flags after a login.
pub async fn passkey_used(
    db: impl SqliteExecutor<'_>,
    id: i64,
    passkey: &str,
    sign_count: i64,
    backup_eligible: bool,
    backup_state: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE passkeys SET passkey = ?, sign_count = ?, backup_eligible = ?, backup_state = ?, \
         last_used_at = ? WHERE id = ?",
    )
    .bind(passkey)
    .bind(sign_count)
    .bind(backup_eligible)
    .bind(backup_state)
    .bind(now())
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn rename_passkey(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    id: i64,
    name: &str,
) -> sqlx::Result<bool> {
    let r = sqlx::query("UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?")
        .bind(name)
        .bind(id)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn delete_passkey(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    id: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query("DELETE FROM passkeys WHERE id = ? AND user_id = ?")
        .bind(id)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Replaces the user's recovery codes (digests); run inside a transaction.
pub async fn set_recovery_codes(
    conn: &mut SqliteConnection,
    user_id: i64,
    hashes: &[String],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    for h in hashes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)")
            .bind(user_id)
            .bind(h)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Marks a recovery code used; false if unknown or already used.
pub async fn use_recovery_code(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    hash: &str,
) -> sqlx::Result<bool> {
    let r = sqlx::query("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
        .bind(now())
        .bind(user_id)
        .bind(hash)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn recovery_codes_left(db: impl SqliteExecutor<'_>, user_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL")
        .bind(user_id)
        .fetch_one(db)
        .await
}

/// Removes every factor and recovery code (admin reset).
pub async fn delete_all(conn: &mut SqliteConnection, user_id: i64) -> sqlx::Result<()> {
    for table in ["totp_credentials", "passkeys", "recovery_codes"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = ?"))
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn insert_enrollment_link(
    db: impl SqliteExecutor<'_>,
    hash: &str,
    user_id: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO enrollment_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)")
        .bind(hash)
        .bind(user_id)
        .bind(expires_at)
        .execute(db)
        .await?;
    Ok(())
}

/// Consumes a live enrollment link; returns its user.
pub async fn take_enrollment_link(
    db: impl SqliteExecutor<'_>,
    hash: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "UPDATE enrollment_links SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1 \
         RETURNING user_id",
    )
    .bind(now())
    .bind(hash)
    .fetch_optional(db)
    .await
}

/// The user of a live enrollment link, without consuming it.
pub async fn peek_enrollment_link(
    db: impl SqliteExecutor<'_>,
    hash: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT user_id FROM enrollment_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
        .bind(hash)
        .bind(now())
        .fetch_optional(db)
        .await
}
