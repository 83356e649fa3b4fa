//! SQL for `users` and `user_groups`.

use sqlx::{FromRow, SqliteConnection, SqliteExecutor};

use super::now;

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
}

const COLUMNS: &str = "id, subject, username, email, name, given_name, family_name, \
                       password_hash, disabled, created_at";

pub struct NewUser<'a> {
    pub subject: &'a str,
    pub username: &'a str,
    pub email: &'a str,
    pub name: Option<&'a str>,
    pub given_name: Option<&'a str>,
    pub family_name: Option<&'a str>,
    pub password_hash: Option<&'a str>,
}

pub async fn insert(db: impl SqliteExecutor<'_>, u: &NewUser<'_>) -> sqlx::Result<i64> {
    let t = now();
    sqlx::query_scalar(
        "INSERT INTO users (subject, username, email, name, given_name, family_name, \
         password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(u.subject)
    .bind(u.username)
    .bind(u.email)
    .bind(u.name)
    .bind(u.given_name)
    .bind(u.family_name)
    .bind(u.password_hash)
    .bind(t)
    .bind(t)
    .fetch_one(db)
    .await
}

pub async fn by_username(
    db: impl SqliteExecutor<'_>,
    username: &str,
) -> sqlx::Result<Option<User>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE username = ?"))
        .bind(username)
        .fetch_optional(db)
        .await
}

pub async fn by_id(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<User>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn by_subject(db: impl SqliteExecutor<'_>, subject: &str) -> sqlx::Result<Option<User>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE subject = ?"))
        .bind(subject)
        .fetch_optional(db)
        .await
}

pub async fn list(db: impl SqliteExecutor<'_>) -> sqlx::Result<Vec<User>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users ORDER BY username"))
        .fetch_all(db)
        .await
}

pub async fn set_password(db: impl SqliteExecutor<'_>, id: i64, hash: &str) -> sqlx::Result<bool> {
    let r = sqlx::query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")
        .bind(hash)
        .bind(now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn set_disabled(
    db: impl SqliteExecutor<'_>,
    id: i64,
    disabled: bool,
) -> sqlx::Result<bool> {
    let r = sqlx::query("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?")
        .bind(disabled)
        .bind(now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn delete(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<bool> {
    let r = sqlx::query("DELETE FROM users WHERE id = ?")
        .bind(id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

#[derive(FromRow)]
struct UserWithGroups {
    #[sqlx(flatten)]
    user: User,
    /// A JSON array of group names, sorted.
    groups: String,
}

/// A user and their group names in one statement (every token and
/// userinfo response needs both).
pub async fn with_groups(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> sqlx::Result<Option<(User, Vec<String>)>> {
    let row: Option<UserWithGroups> = sqlx::query_as(
        "SELECT id, subject, username, email, name, given_name, family_name, password_hash, \
                disabled, created_at, \
                (SELECT json_group_array(group_name ORDER BY group_name) \
                 FROM user_groups WHERE user_id = users.id) AS groups \
         FROM users WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.map(|r| Ok((r.user, super::json_strings(&r.groups)?)))
        .transpose()
}

pub async fn groups(db: impl SqliteExecutor<'_>, user_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT group_name FROM user_groups WHERE user_id = ? ORDER BY group_name")
        .bind(user_id)
        .fetch_all(db)
        .await
}

/// Replaces the user's groups; run inside a transaction.
pub async fn set_groups(
    conn: &mut SqliteConnection,
    user_id: i64,
    groups: &[String],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM user_groups WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    for g in groups {
        sqlx::query("INSERT OR IGNORE INTO user_groups (user_id, group_name) VALUES (?, ?)")
            .bind(user_id)
            .bind(g)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
