//! Housekeeping SQL: purging what has expired, backups, integrity checks.

use sqlx::SqliteExecutor;

/// Deletes expired codes, tokens, grants, logins, links and throttle rows.
/// `now` is unix seconds; things are kept a day past expiry for audits of
/// replays. Returns the number of rows removed.
pub async fn purge(
    db: &super::Db,
    now: i64,
    session_idle: i64,
    session_absolute: i64,
) -> sqlx::Result<u64> {
    let day = 86_400;
    let mut n = 0;
    let statements: [(&str, i64); 7] = [
        (
            "DELETE FROM authorization_codes WHERE expires_at < ?",
            now - day,
        ),
        ("DELETE FROM access_tokens WHERE expires_at < ?", now - day),
        ("DELETE FROM refresh_tokens WHERE expires_at < ?", now - day),
        (
            "DELETE FROM grants WHERE id NOT IN (SELECT grant_id FROM refresh_tokens) \
             AND id NOT IN (SELECT grant_id FROM access_tokens) \
             AND id NOT IN (SELECT grant_id FROM authorization_codes) AND created_at < ?",
            now - day,
        ),
        (
            "DELETE FROM enrollment_links WHERE expires_at < ?",
            now - day,
        ),
        (
            "DELETE FROM throttle WHERE locked_until < ?1 AND updated_at < ?1",
            now - day,
        ),
        ("DELETE FROM web_sessions WHERE expires_at < ?", now),
    ];
    for (sql, arg) in statements {
        n += sqlx::query(sql)
            .bind(arg)
            .execute(db)
            .await?
            .rows_affected();
    }
    n += super::sessions::purge(db, now - session_absolute, now - session_idle).await?;
    Ok(n)
}

/// An online, consistent copy of the database (`VACUUM INTO`).
pub async fn backup_into(db: impl SqliteExecutor<'_>, path: &str) -> sqlx::Result<()> {
    sqlx::query("VACUUM INTO ?").bind(path).execute(db).await?;
    Ok(())
}

/// `PRAGMA integrity_check`: "ok", or the problems found.
pub async fn integrity_check(db: impl SqliteExecutor<'_>) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(db)
        .await
}

/// Whether the database holds values sealed with the secret key.
pub async fn has_sealed_values(db: impl SqliteExecutor<'_>) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM signing_keys) OR EXISTS (SELECT 1 FROM totp_credentials)",
    )
    .fetch_one(db)
    .await
}
