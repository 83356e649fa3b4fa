//! SQL for `grants` and the credentials issued under them: authorization
//! codes, access tokens and refresh tokens (all stored as digests), plus
//! `consents`.

use sqlx::{FromRow, Row};

use super::sqlite::write_batch;
use super::{Db, Exec, now, on};

#[derive(Debug, Clone, FromRow)]
pub struct Grant {
    pub id: String,
    pub client_id: String,
    pub user_id: i64,
    pub scope: String,
    pub nonce: Option<String>,
    pub auth_time: i64,
    /// JSON array of amr values.
    pub amr: String,
    pub acr: String,
    /// The login (`browser_sessions.id`) the grant lives and dies with, for
    /// grants without `offline_access`; `None` for offline access. The
    /// triggers of migration 0008 keep it pointing at the login when its id
    /// rotates, and revoke the grant when the login row goes.
    pub session_ref: Option<String>,
    pub created_at: i64,
}

const GRANT_COLUMNS: &str = "g.id, g.client_id, g.user_id, g.scope, g.nonce, g.auth_time, g.amr, \
                             g.acr, g.session_ref, g.created_at";

pub async fn insert_grant(db: impl Into<Exec<'_>>, g: &Grant) -> sqlx::Result<()> {
    on!(db, |p| {
        sqlx::query(
        "INSERT INTO grants (id, client_id, user_id, scope, nonce, auth_time, amr, acr, session_ref, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&g.id)
    .bind(&g.client_id)
    .bind(g.user_id)
    .bind(&g.scope)
    .bind(&g.nonce)
    .bind(g.auth_time)
    .bind(&g.amr)
    .bind(&g.acr)
    .bind(&g.session_ref)
    .bind(g.created_at)
    .execute(p)
    .await.map(|_| ())
    })?;
    Ok(())
}

/// Revokes a grant and with it every token issued under it.
pub async fn revoke_grant(db: impl Into<Exec<'_>>, grant_id: &str) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "UPDATE grants SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL"
    )
    .bind(now())
    .bind(grant_id)
    .execute(p)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Revokes every grant of a user, offline access included (an admin reset
/// or a disabled account). Returns how many were live.
pub async fn revoke_user_grants(db: impl Into<Exec<'_>>, user_id: i64) -> sqlx::Result<u64> {
    on!(db, |p| sqlx::query(
        "UPDATE grants SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL"
    )
    .bind(now())
    .bind(user_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
}

/// Revokes every grant of a user for a client (consent withdrawn).
pub async fn revoke_client_grants(
    db: impl Into<Exec<'_>>,
    user_id: i64,
    client_id: &str,
) -> sqlx::Result<u64> {
    on!(db, |p| {
        sqlx::query(
        "UPDATE grants SET revoked_at = $1 WHERE user_id = $2 AND client_id = $3 AND revoked_at IS NULL"
    )
    .bind(now())
    .bind(user_id)
    .bind(client_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected())
    })
}

#[derive(Debug, Clone, FromRow)]
pub struct CodeRow {
    pub redirect_uri: String,
    pub code_challenge: Option<String>,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    /// Set when the grant was revoked before the code was redeemed (its
    /// login ended, or an admin reset).
    pub grant_revoked_at: Option<i64>,
    #[sqlx(flatten)]
    pub grant: Grant,
}

/// A code with its grant, as stored (read outside any write transaction).
pub async fn code(db: impl Into<Exec<'_>>, code_hash: &str) -> sqlx::Result<Option<CodeRow>> {
    let sql = format!(
        "SELECT c.redirect_uri, c.code_challenge, c.expires_at, c.used_at, \
         g.revoked_at AS grant_revoked_at, {GRANT_COLUMNS} \
         FROM authorization_codes c JOIN grants g ON g.id = c.grant_id WHERE c.code_hash = $1"
    );
    on!(db, |p| sqlx::query_as(&sql)
        .bind(code_hash)
        .fetch_optional(p)
        .await)
}

/// Spends a code without issuing anything (it failed a check). False when
/// it was spent already: a replay, or a concurrent redemption that got
/// there first.
pub async fn use_code(db: &Db, code_hash: &str) -> sqlx::Result<bool> {
    match db {
        Db::Sqlite(pool) => {
            const USE_CODE: &str = super::transaction!(
                "UPDATE authorization_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL; \
                 SELECT changes()"
            );
            let batch = sqlx::query_scalar(USE_CODE)
                .bind(now())
                .bind(code_hash.to_string());
            Ok(write_batch(pool, batch).await? == Some(1))
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(pool) => {
            let r = sqlx::query(
                "UPDATE authorization_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL",
            )
            .bind(now())
            .bind(code_hash)
            .execute(pool)
            .await?;
            Ok(r.rows_affected() == 1)
        }
    }
}

pub async fn insert_access_token(
    db: impl Into<Exec<'_>>,
    token_hash: &str,
    grant_id: &str,
    scope: &str,
    expires_at: i64,
) -> sqlx::Result<()> {
    on!(db, |p| {
        sqlx::query(
        "INSERT INTO access_tokens (token_hash, grant_id, scope, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(grant_id)
    .bind(scope)
    .bind(expires_at)
    .execute(p)
    .await.map(|_| ())
    })?;
    Ok(())
}

pub async fn insert_refresh_token(
    db: impl Into<Exec<'_>>,
    token_hash: &str,
    grant_id: &str,
    scope: &str,
    expires_at: i64,
) -> sqlx::Result<()> {
    on!(db, |p| {
        sqlx::query(
        "INSERT INTO refresh_tokens (token_hash, grant_id, scope, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(grant_id)
    .bind(scope)
    .bind(expires_at)
    .execute(p)
    .await.map(|_| ())
    })?;
    Ok(())
}

/// A new access and refresh token pair under one grant (digests only).
pub struct NewTokens<'a> {
    pub grant_id: &'a str,
    pub scope: &'a str,
    pub access_hash: &'a str,
    pub access_expires_at: i64,
    pub refresh_hash: &'a str,
    pub refresh_expires_at: i64,
}

/// What a token pair is issued against.
pub enum Spend<'a> {
    /// An authorization code, by digest.
    Code(&'a str),
    /// A refresh token being rotated, by digest.
    RefreshToken(&'a str),
}

/// SQLite: each INSERT runs only if the statement before it changed a row,
/// and the closing `SELECT changes()` is 1 only if every one of them did.
macro_rules! then_issue_pair {
    ($spend:literal) => {
        super::transaction!(
            $spend,
            "; INSERT INTO access_tokens (token_hash, grant_id, scope, expires_at) \
             SELECT ?, ?, ?, ? WHERE changes() = 1; \
             INSERT INTO refresh_tokens (token_hash, grant_id, scope, expires_at) \
             SELECT ?, ?, ?, ? WHERE changes() = 1; \
             INSERT INTO audit_events (at, event, username, client_id, ip, detail) \
             SELECT ?, ?, ?, ?, ?, ? WHERE changes() = 1; \
             SELECT changes()"
        )
    };
}
const SPEND_CODE: &str = then_issue_pair!(
    "UPDATE authorization_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL"
);
const SPEND_REFRESH: &str = then_issue_pair!(
    "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
);

/// PostgreSQL: one statement; every insert reads the `spent` row, so none
/// runs when the spend changed nothing. Under READ COMMITTED a concurrent
/// spend waits for the first and then finds `used_at` set.
#[cfg(feature = "postgres")]
macro_rules! pg_issue_pair {
    ($spend:literal) => {
        concat!(
            "WITH spent AS (",
            $spend,
            " RETURNING grant_id), \
             a AS (INSERT INTO access_tokens (token_hash, grant_id, scope, expires_at) \
                   SELECT $3, grant_id, $4, $5 FROM spent), \
             r AS (INSERT INTO refresh_tokens (token_hash, grant_id, scope, expires_at) \
                   SELECT $6, grant_id, $4, $7 FROM spent), \
             e AS (INSERT INTO audit_events (at, event, username, client_id, ip, detail) \
                   SELECT $8, $9, $10, $11, $12, $13 FROM spent) \
             SELECT count(*) FROM spent"
        )
    };
}

/// Spends the code or refresh token, stores the new pair and its audit row:
/// one transaction, one round trip. False, with nothing written, when it
/// was spent already: a replay or a concurrent request.
pub async fn spend_and_issue(
    db: &Db,
    spend: Spend<'_>,
    t: &NewTokens<'_>,
    audit: &super::audit::AuditRow,
) -> sqlx::Result<bool> {
    match db {
        Db::Sqlite(pool) => {
            let (sql, hash) = match spend {
                Spend::Code(h) => (SPEND_CODE, h),
                Spend::RefreshToken(h) => (SPEND_REFRESH, h),
            };
            let batch = sqlx::query_scalar(sql)
                .bind(now())
                .bind(hash.to_string())
                .bind(t.access_hash.to_string())
                .bind(t.grant_id.to_string())
                .bind(t.scope.to_string())
                .bind(t.access_expires_at)
                .bind(t.refresh_hash.to_string())
                .bind(t.grant_id.to_string())
                .bind(t.scope.to_string())
                .bind(t.refresh_expires_at);
            let verdict = write_batch(pool, super::audit::bind_row(batch, audit)).await?;
            Ok(verdict == Some(1))
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(pool) => {
            const PG_SPEND_CODE: &str = pg_issue_pair!(
                "UPDATE authorization_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL"
            );
            const PG_SPEND_REFRESH: &str = pg_issue_pair!(
                "UPDATE refresh_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL"
            );
            let (sql, hash) = match spend {
                Spend::Code(h) => (PG_SPEND_CODE, h),
                Spend::RefreshToken(h) => (PG_SPEND_REFRESH, h),
            };
            let spent: i64 = sqlx::query_scalar(sql)
                .bind(now())
                .bind(hash)
                .bind(t.access_hash)
                .bind(t.scope)
                .bind(t.access_expires_at)
                .bind(t.refresh_hash)
                .bind(t.refresh_expires_at)
                .bind(audit.at)
                .bind(&audit.event)
                .bind(&audit.username)
                .bind(&audit.client_id)
                .bind(&audit.ip)
                .bind(&audit.detail)
                .fetch_one(pool)
                .await?;
            Ok(spent == 1)
        }
    }
}

const INSERT_GRANT_AND_CODE: &str = super::transaction!(
    "INSERT INTO grants (id, client_id, user_id, scope, nonce, auth_time, amr, acr, session_ref, created_at) \
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?); \
     INSERT INTO authorization_codes (code_hash, grant_id, redirect_uri, code_challenge, expires_at) \
     VALUES (?, ?, ?, ?, ?); \
     SELECT changes()"
);

/// A new code under a new grant (digest only), in one round trip.
pub struct NewCode<'a> {
    pub code_hash: &'a str,
    pub redirect_uri: &'a str,
    pub code_challenge: Option<&'a str>,
    pub expires_at: i64,
}

/// Stores a grant and its authorization code in one transaction.
pub async fn insert_grant_and_code(db: &Db, g: &Grant, c: &NewCode<'_>) -> sqlx::Result<()> {
    match db {
        Db::Sqlite(pool) => {
            let batch = sqlx::query_scalar(INSERT_GRANT_AND_CODE)
                .bind(g.id.clone())
                .bind(g.client_id.clone())
                .bind(g.user_id)
                .bind(g.scope.clone())
                .bind(g.nonce.clone())
                .bind(g.auth_time)
                .bind(g.amr.clone())
                .bind(g.acr.clone())
                .bind(g.session_ref.clone())
                .bind(g.created_at)
                .bind(c.code_hash.to_string())
                .bind(g.id.clone())
                .bind(c.redirect_uri.to_string())
                .bind(c.code_challenge.map(str::to_string))
                .bind(c.expires_at);
            write_batch(pool, batch).await.map(|_| ())
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(pool) => sqlx::query(
            "WITH g AS (INSERT INTO grants (id, client_id, user_id, scope, nonce, auth_time, amr, acr, \
                        session_ref, created_at) \
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id) \
             INSERT INTO authorization_codes (code_hash, grant_id, redirect_uri, code_challenge, expires_at) \
             SELECT $11, id, $12, $13, $14 FROM g",
        )
        .bind(&g.id)
        .bind(&g.client_id)
        .bind(g.user_id)
        .bind(&g.scope)
        .bind(&g.nonce)
        .bind(g.auth_time)
        .bind(&g.amr)
        .bind(&g.acr)
        .bind(&g.session_ref)
        .bind(g.created_at)
        .bind(c.code_hash)
        .bind(c.redirect_uri)
        .bind(c.code_challenge)
        .bind(c.expires_at)
        .execute(pool)
        .await
        .map(|_| ()),
    }
}

/// An access or refresh token with its grant.
#[derive(Debug, Clone, FromRow)]
pub struct TokenRow {
    /// The token's scope: the grant's, or narrower after a refresh.
    pub token_scope: String,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    /// Refresh tokens only: when it was rotated.
    pub used_at: Option<i64>,
    pub grant_revoked_at: Option<i64>,
    /// The bound login's `created_at` and `last_seen_at`, when the grant is
    /// bound to one that still has a row (refresh tokens only).
    pub session_created_at: Option<i64>,
    pub session_last_seen_at: Option<i64>,
    pub session_remembered_until: Option<i64>,
    #[sqlx(flatten)]
    pub grant: Grant,
}

impl TokenRow {
    /// Live: not expired, not revoked, grant not revoked, not yet rotated.
    pub fn is_active(&self, now: i64) -> bool {
        self.expires_at > now
            && self.revoked_at.is_none()
            && self.grant_revoked_at.is_none()
            && self.used_at.is_none()
    }
}

pub async fn access_token(
    db: impl Into<Exec<'_>>,
    token_hash: &str,
) -> sqlx::Result<Option<TokenRow>> {
    // The casts give PostgreSQL the NULLs' type (BIGINT), which it cannot infer.
    let sql = format!(
        "SELECT t.scope AS token_scope, t.expires_at, t.revoked_at, CAST(NULL AS BIGINT) AS used_at, \
         g.revoked_at AS grant_revoked_at, \
         CAST(NULL AS BIGINT) AS session_created_at, CAST(NULL AS BIGINT) AS session_last_seen_at, \
         CAST(NULL AS BIGINT) AS session_remembered_until, \
         {GRANT_COLUMNS} FROM access_tokens t JOIN grants g ON g.id = t.grant_id WHERE t.token_hash = $1"
    );
    on!(db, |p| sqlx::query_as(&sql)
        .bind(token_hash)
        .fetch_optional(p)
        .await)
}

pub async fn refresh_token(
    db: impl Into<Exec<'_>>,
    token_hash: &str,
) -> sqlx::Result<Option<TokenRow>> {
    let sql = format!(
        "SELECT t.scope AS token_scope, t.expires_at, t.revoked_at, t.used_at, g.revoked_at AS grant_revoked_at, \
         s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, \
         s.remembered_until AS session_remembered_until, \
         {GRANT_COLUMNS} FROM refresh_tokens t JOIN grants g ON g.id = t.grant_id \
         LEFT JOIN browser_sessions s ON s.id = g.session_ref WHERE t.token_hash = $1"
    );
    on!(db, |p| sqlx::query_as(&sql)
        .bind(token_hash)
        .fetch_optional(p)
        .await)
}

/// The grant's user as read along with a refresh token (their groups
/// joined by `,`); all `None` when the user row is gone.
#[derive(Debug, Clone, FromRow)]
struct SubjectColumns {
    u_subject: Option<String>,
    u_username: Option<String>,
    u_email: Option<String>,
    u_name: Option<String>,
    u_given_name: Option<String>,
    u_family_name: Option<String>,
    u_disabled: Option<bool>,
    u_created_at: Option<i64>,
    u_email_verified: Option<bool>,
    u_groups: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
struct RefreshColumns {
    #[sqlx(flatten)]
    token: TokenRow,
    #[sqlx(flatten)]
    subject: SubjectColumns,
}

/// The statement of [`refresh_token_with_subject`] (`$1`: the digest).
static REFRESH_WITH_SUBJECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT t.scope AS token_scope, t.expires_at, t.revoked_at, t.used_at, g.revoked_at AS grant_revoked_at, \
         s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, \
         s.remembered_until AS session_remembered_until, \
         {GRANT_COLUMNS}, u.subject AS u_subject, u.username AS u_username, u.email AS u_email, \
         u.name AS u_name, u.given_name AS u_given_name, u.family_name AS u_family_name, \
         u.disabled AS u_disabled, u.created_at AS u_created_at, u.email_verified AS u_email_verified, \
         (SELECT string_agg(group_name, ',') FROM user_groups \
          WHERE user_id = g.user_id) AS u_groups \
         FROM refresh_tokens t JOIN grants g ON g.id = t.grant_id \
         LEFT JOIN browser_sessions s ON s.id = g.session_ref \
         LEFT JOIN users u ON u.id = g.user_id WHERE t.token_hash = $1"
    )
});

/// The client with its throttle row ([`super::clients::CLIENT_AND_THROTTLE`],
/// `$1`, `$2`), then the refresh token with its subject (`$3`): SQLite runs
/// both statements in one round trip.
static CLIENT_THEN_REFRESH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{}; {}",
        super::clients::CLIENT_AND_THROTTLE,
        REFRESH_WITH_SUBJECT.replace("$1", "$3")
    )
});

/// A refresh token with its grant and bound login, and the grant's user
/// and groups (`None` when the user row is gone).
pub type RefreshRead = (TokenRow, Option<(super::users::User, Vec<String>)>);

/// A refresh token with its grant, bound login and the grant's user and
/// groups, in one statement: a refresh reads nothing else before it spends
/// the token.
pub async fn refresh_token_with_subject(
    db: impl Into<Exec<'_>>,
    token_hash: &str,
) -> sqlx::Result<Option<RefreshRead>> {
    let row: Option<RefreshColumns> = on!(db, |p| sqlx::query_as(REFRESH_WITH_SUBJECT.as_str())
        .bind(token_hash)
        .fetch_optional(p)
        .await)?;
    Ok(row.map(RefreshColumns::split))
}

/// A refresh's new tokens, written in the same round trip as its read when
/// SQLite finds, in that transaction, every condition of a refresh met
/// ([`client_and_refresh_token`]). The caller still checks the rows it
/// reads, and must revoke the grant if its checks refuse what was spent.
pub struct SpeculativeRefresh {
    pub now: i64,
    /// Digests of the presented client secret and of its form-decoded form
    /// (the same twice when decoding changes nothing). Comparing digests in
    /// SQL reveals nothing of the secret, as a token lookup by digest.
    pub secret_digests: [String; 2],
    /// A bound login must have started and been seen no earlier than these
    /// (unless it is a remembered one, good until its own end).
    pub created_after: i64,
    pub seen_after: i64,
    pub access_hash: String,
    pub access_expires_at: i64,
    pub refresh_hash: String,
    pub refresh_expires_at: i64,
    pub event: &'static str,
    pub detail: &'static str,
}

/// [`CLIENT_THEN_REFRESH`], then, when the client (`$1`) has no throttle
/// row (`$2`) and its secret matches, and the token (`$3`) is active,
/// unused and the client's, its grant's user enabled and its bound login
/// alive: the token spent and a new pair with its audit row stored, as
/// [`spend_and_issue`] does. The verdict (`spent`) comes last. One
/// refresh's statements in a [`RefreshJob`] transaction; a later refresh
/// of the same token in that transaction reads it spent. The new refresh
/// token copies its grant and scope from the access token just stored:
/// an `INSERT … SELECT` from the table it writes makes SQLite copy what it
/// selects into a temporary b-tree first.
static REFRESH_AND_SPEND: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{}; \
         UPDATE refresh_tokens SET used_at = $4 \
         WHERE token_hash = $3 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $4 \
         AND NOT EXISTS (SELECT 1 FROM throttle WHERE key = $2) \
         AND EXISTS (SELECT 1 FROM grants g JOIN clients c ON c.client_id = g.client_id \
           JOIN users u ON u.id = g.user_id LEFT JOIN browser_sessions s ON s.id = g.session_ref \
           WHERE g.id = refresh_tokens.grant_id AND g.client_id = $1 AND g.revoked_at IS NULL \
           AND c.secret_hash IN ($5, $6) AND NOT u.disabled \
           AND (g.session_ref IS NULL OR (s.id IS NOT NULL AND CASE \
             WHEN s.remembered_until IS NOT NULL THEN $4 <= s.remembered_until \
             ELSE s.created_at >= $7 AND s.last_seen_at >= $8 END))); \
         INSERT INTO access_tokens (token_hash, grant_id, scope, expires_at) \
         SELECT $9, grant_id, scope, $10 FROM refresh_tokens WHERE token_hash = $3 AND changes() = 1; \
         INSERT INTO refresh_tokens (token_hash, grant_id, scope, expires_at) \
         SELECT $11, grant_id, scope, $12 FROM access_tokens WHERE token_hash = $9 AND changes() = 1; \
         INSERT INTO audit_events (at, event, username, client_id, ip, detail) \
         SELECT $4, $13, u.username, $1, NULL, $14 FROM refresh_tokens t \
         JOIN grants g ON g.id = t.grant_id JOIN users u ON u.id = g.user_id \
         WHERE t.token_hash = $3 AND changes() = 1; \
         SELECT changes() AS spent",
        CLIENT_THEN_REFRESH.as_str()
    )
});

/// The placeholders of one [`REFRESH_AND_SPEND`].
const REFRESH_AND_SPEND_PARAMS: usize = 14;

/// A [`SpeculativeRefresh`] with its client, throttle key and token, to
/// wait in the [`super::group_commit`] queue.
pub struct RefreshJob {
    client_id: String,
    key: String,
    token_hash: String,
    refresh: SpeculativeRefresh,
}

/// At most this many refreshes share a transaction (a power of two): beyond
/// 16 the shared commit saves little more, and each size is one more batch
/// in the write connection's statement cache.
const REFRESH_GROUP_MAX: usize = 16;

/// The transactions of 1 to [`REFRESH_GROUP_MAX`] refreshes, built on
/// first use.
static REFRESH_GROUPS: [std::sync::OnceLock<String>; REFRESH_GROUP_MAX] =
    [const { std::sync::OnceLock::new() }; REFRESH_GROUP_MAX];

#[cfg(test)]
mod group_tests;

impl super::group_commit::GroupJob for RefreshJob {
    const MAX: usize = REFRESH_GROUP_MAX;

    fn text(n: usize) -> &'static str {
        let n = n.clamp(1, Self::MAX);
        REFRESH_GROUPS[n - 1].get_or_init(|| {
            let jobs: Vec<String> = (0..n)
                .map(|i| {
                    super::sqlite::shift_placeholders(
                        &REFRESH_AND_SPEND,
                        i * REFRESH_AND_SPEND_PARAMS,
                    )
                })
                .collect();
            format!("BEGIN IMMEDIATE; {}; COMMIT", jobs.join("; "))
        })
    }

    fn bind(&self, query: super::group_commit::Query) -> super::group_commit::Query {
        let t = &self.refresh;
        query
            .bind(self.client_id.clone())
            .bind(self.key.clone())
            .bind(self.token_hash.clone())
            .bind(t.now)
            .bind(t.secret_digests[0].clone())
            .bind(t.secret_digests[1].clone())
            .bind(t.created_after)
            .bind(t.seen_after)
            .bind(t.access_hash.clone())
            .bind(t.access_expires_at)
            .bind(t.refresh_hash.clone())
            .bind(t.refresh_expires_at)
            .bind(t.event)
            .bind(t.detail)
    }

    fn rows(rows: &[sqlx::sqlite::SqliteRow]) -> usize {
        // The client's row, the token's when it exists, the verdict (the
        // only one-column row).
        match rows.get(1) {
            Some(row) if row.columns().len() > 1 => 3,
            _ => 2,
        }
    }
}

/// What a refresh request reads first: the client and its throttle row
/// (as [`super::clients::get_with_throttle`]) and the refresh token (as
/// [`refresh_token_with_subject`]).
pub struct RefreshRequestRead {
    pub client: (
        Option<super::clients::Client>,
        Option<super::throttle::KeyedThrottle>,
    ),
    pub token: Option<RefreshRead>,
    /// The [`SpeculativeRefresh`] was written.
    pub spent: bool,
}

/// Reads what a refresh request needs: on SQLite on the write connection
/// in one round trip, which also spends the token when `speculative` is
/// given and every condition holds; on PostgreSQL two statements and no
/// speculative spend.
pub async fn client_and_refresh_token(
    db: &Db,
    client_id: &str,
    key: &str,
    token_hash: &str,
    speculative: Option<SpeculativeRefresh>,
) -> sqlx::Result<RefreshRequestRead> {
    match db {
        Db::Sqlite(store) => {
            let spending = speculative.is_some();
            let rows = match speculative {
                None => {
                    let mut slot = store.writer().await?;
                    let conn = slot.as_mut().ok_or(sqlx::Error::PoolClosed)?;
                    sqlx::query(CLIENT_THEN_REFRESH.as_str())
                        .bind(client_id)
                        .bind(key)
                        .bind(token_hash)
                        .fetch_all(&mut *conn)
                        .await?
                }
                Some(t) => {
                    store
                        .group_refresh(RefreshJob {
                            client_id: client_id.to_string(),
                            key: key.to_string(),
                            token_hash: token_hash.to_string(),
                            refresh: t,
                        })
                        .await?
                }
            };
            read_of_rows(&rows, spending)
        }
        #[cfg(feature = "postgres")]
        Db::Postgres(_) => Ok(RefreshRequestRead {
            client: super::clients::get_with_throttle(db, client_id, key).await?,
            token: refresh_token_with_subject(db, token_hash).await?,
            spent: false,
        }),
    }
}

/// The rows of [`CLIENT_THEN_REFRESH`], or of one [`REFRESH_AND_SPEND`]
/// when `spending`.
fn read_of_rows(
    rows: &[sqlx::sqlite::SqliteRow],
    spending: bool,
) -> sqlx::Result<RefreshRequestRead> {
    // The first statement yields exactly one row (its LEFT JOINs hang off
    // a one-row select), the token's at most one, and the verdict (when
    // spending) one.
    let (verdict, rows) = match spending {
        true => match rows.split_last() {
            Some((last, rest)) => (last.try_get::<i64, _>("spent")?, rest),
            None => return Err(sqlx::Error::RowNotFound),
        },
        false => (0, rows),
    };
    let mut rows = rows.iter();
    let client = match rows.next() {
        Some(row) => super::clients::ClientAndThrottle::from_row(row)?.split(),
        None => return Err(sqlx::Error::RowNotFound),
    };
    let token = match rows.next() {
        Some(row) => Some(RefreshColumns::from_row(row)?.split()),
        None => None,
    };
    Ok(RefreshRequestRead {
        client,
        token,
        spent: verdict == 1,
    })
}

impl RefreshColumns {
    fn split(self) -> RefreshRead {
        let r = self;
        let s = r.subject;
        let user = match (
            s.u_subject,
            s.u_username,
            s.u_email,
            s.u_disabled,
            s.u_created_at,
        ) {
            (Some(subject), Some(username), Some(email), Some(disabled), Some(created_at)) => {
                Some((
                    super::users::User {
                        id: r.token.grant.user_id,
                        subject,
                        username,
                        email,
                        name: s.u_name,
                        given_name: s.u_given_name,
                        family_name: s.u_family_name,
                        // Not read: a refresh checks no password.
                        password_hash: None,
                        disabled,
                        created_at,
                        // Not read: a refresh shows no page.
                        locale: None,
                        email_verified: s.u_email_verified.unwrap_or(false),
                        // Not read: a refresh sends no mail.
                        notify_new_device: false,
                    },
                    super::comma_list(s.u_groups),
                ))
            }
            _ => None,
        };
        (r.token, user)
    }
}

pub async fn revoke_access_token(db: impl Into<Exec<'_>>, token_hash: &str) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "UPDATE access_tokens SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(token_hash)
    .execute(p)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The scope a user already consented to for a client.
pub async fn consent(
    db: impl Into<Exec<'_>>,
    user_id: i64,
    client_id: &str,
) -> sqlx::Result<Option<String>> {
    on!(db, |p| sqlx::query_scalar(
        "SELECT scope FROM consents WHERE user_id = $1 AND client_id = $2"
    )
    .bind(user_id)
    .bind(client_id)
    .fetch_optional(p)
    .await)
}

pub async fn save_consent(
    db: impl Into<Exec<'_>>,
    user_id: i64,
    client_id: &str,
    scope: &str,
) -> sqlx::Result<()> {
    on!(db, |p| {
        sqlx::query(
        "INSERT INTO consents (user_id, client_id, scope, granted_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, client_id) DO UPDATE SET scope = excluded.scope, granted_at = excluded.granted_at",
    )
    .bind(user_id)
    .bind(client_id)
    .bind(scope)
    .bind(now())
    .execute(p)
    .await.map(|_| ())
    })?;
    Ok(())
}

pub async fn delete_consent(
    db: impl Into<Exec<'_>>,
    user_id: i64,
    client_id: &str,
) -> sqlx::Result<bool> {
    let n = on!(db, |p| sqlx::query(
        "DELETE FROM consents WHERE user_id = $1 AND client_id = $2"
    )
    .bind(user_id)
    .bind(client_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct AuthorizedApp {
    pub client_id: String,
    pub name: String,
    pub scope: String,
    pub granted_at: i64,
}

/// Clients the user consented to or holds live grants for; for a grant
/// without consent, the newest grant's scope.
pub async fn authorized_apps(
    db: impl Into<Exec<'_>>,
    user_id: i64,
) -> sqlx::Result<Vec<AuthorizedApp>> {
    on!(db, |p| {
        sqlx::query_as(
        "SELECT c.client_id, c.name, s.scope, s.granted_at FROM ( \
           SELECT client_id, scope, granted_at FROM consents WHERE user_id = $1 \
           UNION ALL \
           SELECT client_id, scope, created_at FROM ( \
             SELECT client_id, scope, created_at, \
                    row_number() OVER (PARTITION BY client_id ORDER BY created_at DESC, id) AS newest \
             FROM grants WHERE user_id = $1 AND revoked_at IS NULL \
               AND client_id NOT IN (SELECT client_id FROM consents WHERE user_id = $1) \
           ) live WHERE newest = 1 \
         ) s JOIN clients c ON c.client_id = s.client_id ORDER BY c.name",
    )
    .bind(user_id)
    .fetch_all(p)
    .await
    })
}
