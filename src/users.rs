//! User management rules, shared by the admin CLI and the account pages.

use crate::auth::password::Passwords;
use crate::crypto;
use crate::db::{
    self, Db,
    users::{NewUser, User},
};
use crate::oidc::claims::split_name;

/// A refusal phrased for the person who typed the command or filled the form.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("{0}")]
    Invalid(String),
    #[error("user '{0}' does not exist")]
    NotFound(String),
    #[error("user '{0}' already exists")]
    Exists(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Password(#[from] crate::auth::password::PasswordError),
}

pub struct AddUser<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub name: Option<&'a str>,
    pub groups: &'a [String],
    /// `None`: the user sets one through an enrollment link.
    pub password: Option<&'a str>,
}

pub fn check_username(u: &str) -> Result<(), UserError> {
    let ok = (1..=64).contains(&u.len())
        && u.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._@-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(UserError::Invalid(format!(
            "invalid username '{u}': use 1-64 letters, digits, '.', '_', '@' or '-'"
        )))
    }
}

pub fn check_email(e: &str) -> Result<(), UserError> {
    let ok = e.len() <= 254
        && !e.contains(char::is_whitespace)
        && e.split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && !d.is_empty() && !d.contains('@'));
    if ok {
        Ok(())
    } else {
        Err(UserError::Invalid(format!("invalid email address '{e}'")))
    }
}

/// Group names: parsed from `a,b,c`, each 1-64 of `[A-Za-z0-9._-]`.
pub fn parse_groups(raw: &str) -> Result<Vec<String>, UserError> {
    let mut out: Vec<String> = Vec::new();
    for g in raw.split(',').map(str::trim).filter(|g| !g.is_empty()) {
        let ok = g.len() <= 64
            && g.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
        if !ok {
            return Err(UserError::Invalid(format!(
                "invalid group name '{g}': use letters, digits, '.', '_' or '-'"
            )));
        }
        if !out.iter().any(|x| x == g) {
            out.push(g.to_string());
        }
    }
    Ok(out)
}

pub async fn add(db: &Db, passwords: &Passwords, u: &AddUser<'_>) -> Result<User, UserError> {
    check_username(u.username)?;
    check_email(u.email)?;
    if let Some(p) = u.password {
        passwords.check_policy(p).map_err(UserError::Invalid)?;
    }
    if db::users::by_username(db, u.username).await?.is_some() {
        return Err(UserError::Exists(u.username.into()));
    }
    let hash = match u.password {
        Some(p) => Some(passwords.hash(p).await?),
        None => None,
    };
    let (given, family) = u.name.map(split_name).unwrap_or((None, None));
    let subject = crypto::random_token();
    let mut tx = crate::db::begin_write(db).await?;
    let id = db::users::insert(
        &mut *tx,
        &NewUser {
            subject: &subject,
            username: u.username,
            email: u.email,
            name: u.name,
            given_name: given.as_deref(),
            family_name: family.as_deref(),
            password_hash: hash.as_deref(),
        },
    )
    .await
    .map_err(|e| {
        if db::is_unique_violation(&e) {
            UserError::Exists(u.username.into())
        } else {
            e.into()
        }
    })?;
    db::users::set_groups(&mut tx, id, u.groups).await?;
    tx.commit().await?;
    db::users::by_id(db, id)
        .await?
        .ok_or_else(|| UserError::NotFound(u.username.into()))
}

pub async fn find(db: &Db, username: &str) -> Result<User, UserError> {
    db::users::by_username(db, username)
        .await?
        .ok_or_else(|| UserError::NotFound(username.into()))
}

/// Sets a new password (policy-checked). Sessions are the caller's
/// business: the account page keeps the current one and ends the others;
/// an administrator's reset is [`reset_password`].
pub async fn set_password(
    db: &Db,
    passwords: &Passwords,
    user: &User,
    password: &str,
) -> Result<(), UserError> {
    passwords
        .check_policy(password)
        .map_err(UserError::Invalid)?;
    let hash = passwords.hash(password).await?;
    db::users::set_password(db, user.id, &hash).await?;
    Ok(())
}

/// An administrator's password reset: the new password (policy-checked),
/// and everything the old one let in ends in the same transaction.
pub async fn reset_password(
    db: &Db,
    passwords: &Passwords,
    user: &User,
    password: &str,
) -> Result<(), UserError> {
    passwords
        .check_policy(password)
        .map_err(UserError::Invalid)?;
    let hash = passwords.hash(password).await?;
    let mut tx = crate::db::begin_write(db).await?;
    db::users::set_password(&mut *tx, user.id, &hash).await?;
    end_access(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every login of the user and revokes every grant, offline access
/// included, with their access and refresh tokens: what an admin reset
/// means (a reset that left a refresh token working would reset nothing).
async fn end_access(tx: &mut crate::db::WriteTx, user_id: i64) -> Result<(), UserError> {
    db::sessions::delete_all_for_user(&mut **tx, user_id).await?;
    db::grants::revoke_user_grants(&mut **tx, user_id).await?;
    Ok(())
}

/// Disabling also ends every session and grant at once.
pub async fn set_disabled(db: &Db, user: &User, disabled: bool) -> Result<(), UserError> {
    let mut tx = crate::db::begin_write(db).await?;
    db::users::set_disabled(&mut *tx, user.id, disabled).await?;
    if disabled {
        end_access(&mut tx, user.id).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn set_groups(db: &Db, user: &User, groups: &[String]) -> Result<(), UserError> {
    let mut tx = crate::db::begin_write(db).await?;
    db::users::set_groups(&mut tx, user.id, groups).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes every second factor and recovery code, and ends the sessions
/// and grants.
pub async fn reset_mfa(db: &Db, user: &User) -> Result<(), UserError> {
    let mut tx = crate::db::begin_write(db).await?;
    db::factors::delete_all(&mut tx, user.id).await?;
    end_access(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Clears the user's throttling records (password and second factor).
pub async fn unlock(db: &Db, user: &User) -> Result<u64, UserError> {
    let name = user.username.to_lowercase();
    let mut n = db::throttle::clear(db, &format!("pwd:user:{name}")).await?;
    n += db::throttle::clear(db, &format!("mfa:user:{}", user.id)).await?;
    Ok(n)
}
