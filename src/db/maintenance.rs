//! Housekeeping SQL: purging what has expired, backups, integrity checks.

use super::{Db, Exec, on};

/// Deletes expired codes, tokens, grants, logins, links and throttle rows.
/// `now` is unix seconds; things are kept a day past expiry for audits of
/// replays. Returns the number of rows removed.
pub async fn purge(
    db: &Db,
    now: i64,
    session_idle: i64,
    session_absolute: i64,
) -> sqlx::Result<u64> {
    let day = 86_400;
    let mut n = 0;
    let statements: [(&str, i64); 9] = [
        (
            "DELETE FROM authorization_codes WHERE expires_at < $1",
            now - day,
        ),
        ("DELETE FROM access_tokens WHERE expires_at < $1", now - day),
        (
            "DELETE FROM refresh_tokens WHERE expires_at < $1",
            now - day,
        ),
        (
            "DELETE FROM grants WHERE id NOT IN (SELECT grant_id FROM refresh_tokens) \
             AND id NOT IN (SELECT grant_id FROM access_tokens) \
             AND id NOT IN (SELECT grant_id FROM authorization_codes) AND created_at < $1",
            now - day,
        ),
        (
            "DELETE FROM enrollment_links WHERE expires_at < $1",
            now - day,
        ),
        (
            "DELETE FROM throttle WHERE locked_until < $1 AND updated_at < $1",
            now - day,
        ),
        ("DELETE FROM web_sessions WHERE expires_at < $1", now),
        ("DELETE FROM email_links WHERE expires_at < $1", now),
        // Kept a month past their end for `invite list`.
        (
            "DELETE FROM invitations WHERE expires_at < $1",
            now - 30 * day,
        ),
    ];
    for (sql, arg) in statements {
        n += on!(db, |p| sqlx::query(sql)
            .bind(arg)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
    }
    n += super::sessions::purge(db, now - session_absolute, now - session_idle, now).await?;
    Ok(n)
}

/// Why a backend cannot do what was asked of it.
#[derive(Debug, thiserror::Error)]
pub enum Unsupported {
    #[error("{0}")]
    Db(#[from] sqlx::Error),
    #[error("not on PostgreSQL: {0}")]
    OnPostgres(&'static str),
}

/// An online, consistent copy of a SQLite database (`VACUUM INTO`).
/// PostgreSQL has its own tools for this (`pg_dump`).
pub async fn backup_into(db: &Db, path: &str) -> Result<(), Unsupported> {
    match db {
        Db::Sqlite(p) => {
            sqlx::query("VACUUM INTO $1")
                .bind(path)
                .execute(p.pool())
                .await?;
            Ok(())
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(_) => Err(Unsupported::OnPostgres(
            "use pg_dump (and keep secret_key with the dump: the signing keys and TOTP secrets in it are sealed with that key)",
        )),
    }
}

/// Problems found in the database; empty when it is sound. SQLite runs
/// `PRAGMA integrity_check`. PostgreSQL checks its own pages; here it is
/// asked what Latchkey relies on: that every migration applied and the
/// triggers that end bound grants and announce identity changes exist.
pub async fn integrity_check(db: &Db) -> sqlx::Result<Vec<String>> {
    match db {
        Db::Sqlite(p) => {
            let found: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_all(p.pool())
                .await?;
            Ok(found.into_iter().filter(|line| line != "ok").collect())
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(p) => {
            let mut problems = Vec::new();
            let applied: Vec<i64> = sqlx::query_scalar(
                "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
            )
            .fetch_all(p)
            .await?;
            for m in super::postgres::MIGRATOR.iter() {
                if !applied.contains(&m.version) {
                    problems.push(format!(
                        "migration {} ({}) is not applied",
                        m.version, m.description
                    ));
                }
            }
            let triggers: Vec<String> = sqlx::query_scalar(
                "SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname",
            )
            .fetch_all(p)
            .await?;
            for needed in super::postgres::TRIGGERS {
                if !triggers.iter().any(|t| t == needed) {
                    problems.push(format!("trigger {needed} is missing"));
                }
            }
            Ok(problems)
        }
    }
}

/// Whether the database holds values sealed with the secret key.
pub async fn has_sealed_values(db: impl Into<Exec<'_>>) -> sqlx::Result<bool> {
    on!(db, |p| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM signing_keys) OR EXISTS (SELECT 1 FROM totp_credentials)",
    )
    .fetch_one(p)
    .await)
}

/// Claims this period of the periodic `job` for `by` (an instance's name):
/// true for exactly one of the instances that ask once `next_run_at` has
/// come, which then moves it to `next_run_at`. The conditional UPDATE is
/// the whole lease: a concurrent claim re-checks the `WHERE` on the row
/// the winner wrote and changes nothing.
pub async fn claim(
    db: impl Into<Exec<'_>>,
    job: &str,
    now: i64,
    next_run_at: i64,
    by: &str,
) -> sqlx::Result<bool> {
    let n = on!(db, |p| {
        sqlx::query(
        "UPDATE maintenance SET next_run_at = $1, last_run_by = $2 WHERE job = $3 AND next_run_at <= $4"
    )
    .bind(next_run_at)
    .bind(by)
    .bind(job)
    .bind(now)
    .execute(p)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}
