//! SQL for `browser_sessions`: the server-side record of a login.

use sqlx::FromRow;

use super::sqlite::write_batch;
use super::{Db, Exec, now, on};

#[derive(Debug, Clone, FromRow)]
pub struct BrowserSession {
    pub id: String,
    /// Digest of the forward-auth cookie's token (none before migration 5).
    pub forward_id: Option<String>,
    pub user_id: i64,
    pub auth_time: i64,
    pub amr: String,
    pub user_agent: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// "Remember this device": the login lives until then once complete.
    pub remembered_until: Option<i64>,
}

const INSERT_WITH_AUDIT: &str = super::transaction!(
    "INSERT INTO browser_sessions (id, forward_id, user_id, auth_time, amr, user_agent, created_at, last_seen_at, \
     remembered_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?); \
     INSERT INTO audit_events (at, event, username, client_id, ip, detail) \
     VALUES (?, ?, ?, ?, ?, ?); \
     SELECT changes()"
);

/// Stores a new login and the audit row that records it, in one
/// transaction and one round trip.
pub async fn insert_with_audit(
    db: &Db,
    s: &BrowserSession,
    audit: &super::audit::AuditRow,
) -> sqlx::Result<()> {
    match db {
        Db::Sqlite(pool) => {
            let batch = sqlx::query_scalar(INSERT_WITH_AUDIT)
                .bind(s.id.clone())
                .bind(s.forward_id.clone())
                .bind(s.user_id)
                .bind(s.auth_time)
                .bind(s.amr.clone())
                .bind(s.user_agent.clone())
                .bind(s.created_at)
                .bind(s.last_seen_at)
                .bind(s.remembered_until);
            write_batch(pool, super::audit::bind_row(batch, audit))
                .await
                .map(|_| ())
        }
        // Both parts of the WITH run, referenced or not.
        #[cfg(feature = "postgres")]
        Db::Postgres(pool) => sqlx::query(
            "WITH s AS (INSERT INTO browser_sessions (id, forward_id, user_id, auth_time, amr, \
                        user_agent, created_at, last_seen_at, remembered_until) \
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)) \
             INSERT INTO audit_events (at, event, username, client_id, ip, detail) \
             VALUES ($10, $11, $12, $13, $14, $15)",
        )
        .bind(&s.id)
        .bind(&s.forward_id)
        .bind(s.user_id)
        .bind(s.auth_time)
        .bind(&s.amr)
        .bind(&s.user_agent)
        .bind(s.created_at)
        .bind(s.last_seen_at)
        .bind(s.remembered_until)
        .bind(audit.at)
        .bind(&audit.event)
        .bind(&audit.username)
        .bind(&audit.client_id)
        .bind(&audit.ip)
        .bind(&audit.detail)
        .execute(pool)
        .await
        .map(|_| ()),
    }
}

pub async fn insert(db: impl Into<Exec<'_>>, s: &BrowserSession) -> sqlx::Result<()> {
    on!(db, |p| {
        sqlx::query(
        "INSERT INTO browser_sessions (id, forward_id, user_id, auth_time, amr, user_agent, created_at, last_seen_at, \
         remembered_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&s.id)
    .bind(&s.forward_id)
    .bind(s.user_id)
    .bind(s.auth_time)
    .bind(&s.amr)
    .bind(&s.user_agent)
    .bind(s.created_at)
    .bind(s.last_seen_at)
    .bind(s.remembered_until)
.execute(p)
.await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A live session with what every page asks about its user.
#[derive(Debug, Clone, FromRow)]
pub struct LiveSession {
    #[sqlx(flatten)]
    pub record: BrowserSession,
    pub username: String,
    pub subject: String,
    pub has_totp: bool,
    pub has_passkey: bool,
}

/// The session with its user, if the session exists and the user is
/// enabled. `id` is the digest of the login cookie's token. One statement
/// of key lookups: this is on every authenticated page, and the user's name
/// and enrolled factors come along so no page asks for them again.
pub async fn live(db: impl Into<Exec<'_>>, id: &str) -> sqlx::Result<Option<LiveSession>> {
    on!(db, |p| {
        sqlx::query_as(
        "SELECT s.id, s.forward_id, s.user_id, s.auth_time, s.amr, s.user_agent, s.created_at, s.last_seen_at, \
                s.remembered_until, u.username, u.subject, \
                EXISTS (SELECT 1 FROM totp_credentials t WHERE t.user_id = u.id) AS has_totp, \
                EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.id) AS has_passkey \
         FROM browser_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND NOT u.disabled",
    )
    .bind(id)
.fetch_optional(p)
.await
    })
}

pub async fn for_user(db: impl Into<Exec<'_>>, user_id: i64) -> sqlx::Result<Vec<BrowserSession>> {
    on!(db, |p| {
        sqlx::query_as(
        "SELECT id, forward_id, user_id, auth_time, amr, user_agent, created_at, last_seen_at, remembered_until \
         FROM browser_sessions WHERE user_id = $1 ORDER BY last_seen_at DESC",
    )
    .bind(user_id)
    .fetch_all(p)
    .await
    })
}

pub async fn touch(db: impl Into<Exec<'_>>, id: &str) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "UPDATE browser_sessions SET last_seen_at = $1 WHERE id = $2"
    )
    .bind(now())
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete(db: impl Into<Exec<'_>>, id: &str) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "DELETE FROM browser_sessions WHERE id = $1"
    )
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends the login `old` that `new` replaces in the same browser: grants
/// bound to `old` that belong to `user_id` (the same user signing in again)
/// follow to `new` while `old` is still live (created after
/// `created_after`, seen after `seen_after`); deleting `old` revokes any
/// others (migration 0008).
pub async fn end_replaced(
    db: &Db,
    (old, new): (&str, &str),
    user_id: i64,
    (created_after, seen_after, now): (i64, i64, i64),
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    on!(&mut tx, |p| {
        sqlx::query(
        "UPDATE grants SET session_ref = $1 WHERE session_ref = $2 AND user_id = $3 \
         AND EXISTS (SELECT 1 FROM browser_sessions s WHERE s.id = grants.session_ref \
                     AND s.user_id = grants.user_id \
                     AND (s.remembered_until >= $6 OR (s.created_at >= $4 AND s.last_seen_at >= $5)))",
    )
    .bind(new)
    .bind(old)
    .bind(user_id)
    .bind(created_after)
    .bind(seen_after)
    .bind(now)
    .execute(p)
    .await
    .map(|_| ())
    })?;
    delete(&mut tx, old).await?;
    tx.commit().await
}

/// Deletes one of the user's sessions; false if it is not theirs.
pub async fn delete_for_user(
    db: impl Into<Exec<'_>>,
    user_id: i64,
    id: &str,
) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "DELETE FROM browser_sessions WHERE id = $1 AND user_id = $2"
    )
    .bind(id)
    .bind(user_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

/// Deletes the user's sessions except `keep`.
pub async fn delete_others(db: impl Into<Exec<'_>>, user_id: i64, keep: &str) -> sqlx::Result<u64> {
    let r = on!(db, |p| sqlx::query(
        "DELETE FROM browser_sessions WHERE user_id = $1 AND id != $2"
    )
    .bind(user_id)
    .bind(keep)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r)
}

pub async fn delete_all_for_user(db: impl Into<Exec<'_>>, user_id: i64) -> sqlx::Result<u64> {
    let r = on!(db, |p| sqlx::query(
        "DELETE FROM browser_sessions WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r)
}

/// Removes sessions older than the absolute lifetime or idle too long.
pub async fn purge(
    db: impl Into<Exec<'_>>,
    created_before: i64,
    seen_before: i64,
    now: i64,
) -> sqlx::Result<u64> {
    let r = on!(db, |p| sqlx::query(
        "DELETE FROM browser_sessions WHERE (created_at < $1 OR last_seen_at < $2) \
         AND (remembered_until IS NULL OR remembered_until < $3)"
    )
    .bind(created_before)
    .bind(seen_before)
    .bind(now)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r)
}

/// Records a completed step: new methods and authentication time, under a
/// new id (the digest of the rotated login token).
const UPGRADE_WITH_AUDIT: &str = super::transaction!(
    "UPDATE browser_sessions SET id = ?, forward_id = ?, amr = ?, auth_time = ?, last_seen_at = ? WHERE id = ?; \
     INSERT INTO audit_events (at, event, username, client_id, ip, detail) \
     VALUES (?, ?, ?, ?, ?, ?); \
     SELECT changes()"
);

/// [`upgrade`] and the audit row that records it, in one transaction and
/// one round trip.
pub async fn upgrade_with_audit(
    db: &Db,
    id: &str,
    new: &Rotation<'_>,
    audit: &super::audit::AuditRow,
) -> sqlx::Result<()> {
    let Rotation {
        id: new_id,
        forward_id,
        amr,
        auth_time,
    } = *new;
    match db {
        Db::Sqlite(pool) => {
            let batch = sqlx::query_scalar(UPGRADE_WITH_AUDIT)
                .bind(new_id.to_string())
                .bind(forward_id.to_string())
                .bind(amr.to_string())
                .bind(auth_time)
                .bind(now())
                .bind(id.to_string());
            write_batch(pool, super::audit::bind_row(batch, audit))
                .await
                .map(|_| ())
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(pool) => sqlx::query(
            "WITH u AS (UPDATE browser_sessions SET id = $1, forward_id = $2, amr = $3, auth_time = $4, \
                        last_seen_at = $5 WHERE id = $6) \
             INSERT INTO audit_events (at, event, username, client_id, ip, detail) \
             VALUES ($7, $8, $9, $10, $11, $12)",
        )
        .bind(new_id)
        .bind(forward_id)
        .bind(amr)
        .bind(auth_time)
        .bind(now())
        .bind(id)
        .bind(audit.at)
        .bind(&audit.event)
        .bind(&audit.username)
        .bind(&audit.client_id)
        .bind(&audit.ip)
        .bind(&audit.detail)
        .execute(pool)
        .await
        .map(|_| ()),
    }
}

pub async fn upgrade(db: impl Into<Exec<'_>>, id: &str, new: &Rotation<'_>) -> sqlx::Result<()> {
    on!(db, |p| {
        sqlx::query(
        "UPDATE browser_sessions SET id = $1, forward_id = $2, amr = $3, auth_time = $4, last_seen_at = $5 \
         WHERE id = $6",
    )
    .bind(new.id)
    .bind(new.forward_id)
    .bind(new.amr)
    .bind(new.auth_time)
    .bind(now())
    .bind(id)
.execute(p)
.await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A login's new ids (digests of both rotated tokens) and what it proves.
#[derive(Debug, Clone, Copy)]
pub struct Rotation<'a> {
    pub id: &'a str,
    pub forward_id: &'a str,
    /// JSON array of amr values.
    pub amr: &'a str,
    pub auth_time: i64,
}

/// What forward auth needs about a login, in one statement: the session,
/// its user and their groups, by the forward cookie's digest (never the
/// login cookie's: the two tokens open different doors).
#[derive(Debug, Clone, FromRow)]
pub struct ForwardIdentity {
    pub id: String,
    pub amr: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub remembered_until: Option<i64>,
    pub username: String,
    pub email: String,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// Comma-separated group names.
    pub groups: Option<String>,
}

pub async fn forward_identity(
    db: impl Into<Exec<'_>>,
    forward_id: &str,
) -> sqlx::Result<Option<ForwardIdentity>> {
    let identity: Option<ForwardIdentity> = on!(db, |p| {
        sqlx::query_as(
        "SELECT s.id, s.amr, s.created_at, s.last_seen_at, s.remembered_until, u.username, u.email, u.name, u.given_name, \
         u.family_name, (SELECT string_agg(group_name, ',') FROM user_groups g WHERE g.user_id = u.id) AS groups \
         FROM browser_sessions s JOIN users u ON u.id = s.user_id WHERE s.forward_id = $1 AND NOT u.disabled",
    )
    .bind(forward_id)
.fetch_optional(p)
.await
    })?;
    Ok(identity.map(|i| ForwardIdentity {
        groups: super::sorted_comma_joined(i.groups),
        ..i
    }))
}
