//! SQL for `users` and `user_groups`.

use sqlx::FromRow;

use super::{Exec, now, on};

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct User {
    pub id: i64,
    pub subject: String,
    pub username: String,
    pub email: String,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub disabled: bool,
    pub created_at: i64,
    /// The language the user chose for pages (a shipped code), if any.
    pub locale: Option<String>,
    /// The user proved the address, or an administrator vouched for it.
    pub email_verified: bool,
    /// Mail about sign-ins from new devices (the other notices always go).
    pub notify_new_device: bool,
}

const COLUMNS: &str = "id, subject, username, email, name, given_name, family_name, \
                       password_hash, disabled, created_at, locale, email_verified, notify_new_device";

pub struct NewUser<'a> {
    pub subject: &'a str,
    pub username: &'a str,
    pub email: &'a str,
    pub name: Option<&'a str>,
    pub given_name: Option<&'a str>,
    pub family_name: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub email_verified: bool,
}

pub async fn insert(db: impl Into<Exec<'_>>, u: &NewUser<'_>) -> sqlx::Result<i64> {
    let t = now();
    on!(db, |p| {
        sqlx::query_scalar(
            "INSERT INTO users (subject, username, email, name, given_name, family_name, \
         password_hash, email_verified, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(u.subject)
        .bind(u.username)
        .bind(u.email)
        .bind(u.name)
        .bind(u.given_name)
        .bind(u.family_name)
        .bind(u.password_hash)
        .bind(u.email_verified)
        .bind(t)
        .fetch_one(p)
        .await
    })
}

/// By name, ignoring ASCII case: SQLite's column is `COLLATE NOCASE`,
/// PostgreSQL's unique index is on `lower(username)`; each query uses its
/// backend's index.
pub async fn by_username(db: impl Into<Exec<'_>>, username: &str) -> sqlx::Result<Option<User>> {
    let exec = db.into();
    let sql = if exec.is_sqlite() {
        format!("SELECT {COLUMNS} FROM users WHERE username = $1")
    } else {
        format!("SELECT {COLUMNS} FROM users WHERE lower(username) = lower($1)")
    };
    on!(exec, |p| sqlx::query_as(&sql)
        .bind(username)
        .fetch_optional(p)
        .await)
}

pub async fn by_id(db: impl Into<Exec<'_>>, id: i64) -> sqlx::Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    on!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)
}

pub async fn by_subject(db: impl Into<Exec<'_>>, subject: &str) -> sqlx::Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE subject = $1");
    on!(db, |p| sqlx::query_as(&sql)
        .bind(subject)
        .fetch_optional(p)
        .await)
}

pub async fn list(db: impl Into<Exec<'_>>) -> sqlx::Result<Vec<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users ORDER BY lower(username), username");
    on!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)
}

pub async fn set_password(db: impl Into<Exec<'_>>, id: i64, hash: &str) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(hash)
    .bind(now())
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn set_disabled(db: impl Into<Exec<'_>>, id: i64, disabled: bool) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(disabled)
    .bind(now())
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

/// Saves the user's page language (`None` follows the browser).
pub async fn set_locale(
    db: impl Into<Exec<'_>>,
    id: i64,
    locale: Option<&str>,
) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(locale)
    .bind(now())
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

/// Replaces the address, proved (`verified`) or not.
pub async fn set_email(
    db: impl Into<Exec<'_>>,
    id: i64,
    email: &str,
    verified: bool,
) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "UPDATE users SET email = $1, email_verified = $2, updated_at = $3 WHERE id = $4"
    )
    .bind(email)
    .bind(verified)
    .bind(now())
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

/// The users whose verified address this is (any case).
pub async fn by_verified_email(db: impl Into<Exec<'_>>, email: &str) -> sqlx::Result<Vec<User>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM users WHERE lower(email) = lower($1) AND email_verified ORDER BY id"
    );
    on!(db, |p| sqlx::query_as(&sql).bind(email).fetch_all(p).await)
}

/// Whether another user has this address (any case).
pub async fn email_taken(
    db: impl Into<Exec<'_>>,
    email: &str,
    except_id: i64,
) -> sqlx::Result<bool> {
    let n: i64 = on!(db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM users WHERE lower(email) = lower($1) AND id <> $2"
    )
    .bind(email)
    .bind(except_id)
    .fetch_one(p)
    .await)?;
    Ok(n > 0)
}

/// Turns the new-device notices on or off.
pub async fn set_notify_new_device(
    db: impl Into<Exec<'_>>,
    id: i64,
    on: bool,
) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "UPDATE users SET notify_new_device = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(on)
    .bind(now())
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

/// Records that the address was proved (or vouched for), or no longer is.
pub async fn set_email_verified(
    db: impl Into<Exec<'_>>,
    id: i64,
    verified: bool,
) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "UPDATE users SET email_verified = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(verified)
    .bind(now())
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn delete(db: impl Into<Exec<'_>>, id: i64) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(id)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

#[derive(FromRow)]
struct UserWithGroups {
    #[sqlx(flatten)]
    user: User,
    /// Group names joined by `,`, sorted; NULL without groups. Names are
    /// `[A-Za-z0-9._-]` (checked in `src/users.rs`), so a comma never occurs.
    groups: Option<String>,
}

/// A user and their group names in one statement (every token and
/// userinfo response needs both).
pub async fn with_groups(
    db: impl Into<Exec<'_>>,
    id: i64,
) -> sqlx::Result<Option<(User, Vec<String>)>> {
    let row: Option<UserWithGroups> = on!(db, |p| sqlx::query_as(
        "SELECT id, subject, username, email, name, given_name, family_name, password_hash, \
                disabled, created_at, locale, email_verified, notify_new_device, \
                (SELECT string_agg(group_name, ',') \
                 FROM user_groups WHERE user_id = users.id) AS groups \
         FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(p)
    .await)?;
    Ok(row.map(|r| (r.user, super::comma_list(r.groups))))
}

pub async fn groups(db: impl Into<Exec<'_>>, user_id: i64) -> sqlx::Result<Vec<String>> {
    on!(db, |p| sqlx::query_scalar(
        "SELECT group_name FROM user_groups WHERE user_id = $1 ORDER BY group_name"
    )
    .bind(user_id)
    .fetch_all(p)
    .await)
}

/// Replaces the user's groups; run inside a transaction.
pub async fn set_groups(tx: &mut super::Tx, user_id: i64, groups: &[String]) -> sqlx::Result<()> {
    on!(&mut *tx, |p| sqlx::query(
        "DELETE FROM user_groups WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(p)
    .await
    .map(|_| ()))?;
    for g in groups {
        on!(&mut *tx, |p| sqlx::query(
            "INSERT INTO user_groups (user_id, group_name) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        )
        .bind(user_id)
        .bind(g)
        .execute(p)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}
