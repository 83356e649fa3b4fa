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
    /// The address is known to be the user's: an invitation proved it, or
    /// the administrator vouches for it. Otherwise tokens say
    /// `email_verified: false` until the user confirms it.
    pub email_verified: bool,
    /// The digest of the invitation this account uses up, in the same
    /// transaction: no account without it, and one account per invitation.
    pub invitation: Option<&'a str>,
}

/// An invitation that was used, revoked or expired meanwhile.
pub const INVITATION_GONE: &str = "the invitation is no longer valid";

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
        &mut tx,
        &NewUser {
            subject: &subject,
            username: u.username,
            email: u.email,
            name: u.name,
            given_name: given.as_deref(),
            family_name: family.as_deref(),
            password_hash: hash.as_deref(),
            email_verified: u.email_verified,
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
    if let Some(invitation) = u.invitation
        && !db::invitations::take(&mut tx, invitation, db::now(), id).await?
    {
        return Err(UserError::Invalid(INVITATION_GONE.into()));
    }
    tx.commit().await?;
    db::users::by_id(db, id)
        .await?
        .ok_or_else(|| UserError::NotFound(u.username.into()))
}

/// Marks the user's current address as verified.
pub async fn verify_email(db: &Db, user: &User) -> Result<(), UserError> {
    if !db::users::set_email_verified(db, user.id, true).await? {
        return Err(UserError::NotFound(user.username.clone()));
    }
    Ok(())
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
    let hash = checked_hash(passwords, password).await?;
    db::users::set_password(db, user.id, &hash).await?;
    Ok(())
}

/// The argon2id hash of a password that meets the policy.
async fn checked_hash(passwords: &Passwords, password: &str) -> Result<String, UserError> {
    passwords
        .check_policy(password)
        .map_err(UserError::Invalid)?;
    Ok(passwords.hash(password).await?)
}

/// An administrator's password reset: the new password (policy-checked),
/// and everything the old one let in ends in the same transaction.
pub async fn reset_password(
    db: &Db,
    passwords: &Passwords,
    user: &User,
    password: &str,
) -> Result<(), UserError> {
    let hash = checked_hash(passwords, password).await?;
    let mut tx = crate::db::begin_write(db).await?;
    db::users::set_password(&mut tx, user.id, &hash).await?;
    end_access(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(())
}

/// A self-service reset: sets the password and uses up the emailed link in
/// one transaction (false when the link was used or expired meanwhile),
/// then ends every login and grant, as an administrator's reset does.
pub async fn reset_password_with_link(
    db: &Db,
    passwords: &Passwords,
    user: &User,
    password: &str,
    token_hash: &str,
) -> Result<bool, UserError> {
    use db::email_links::Purpose;
    let hash = checked_hash(passwords, password).await?;
    let mut tx = crate::db::begin_write(db).await?;
    let link = db::email_links::take(&mut tx, Purpose::Reset, token_hash, db::now()).await?;
    if link.is_none_or(|l| l.user_id != user.id) {
        return Ok(false);
    }
    db::users::set_password(&mut tx, user.id, &hash).await?;
    end_access(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Ends every login of the user and revokes every grant, offline access
/// included, with their access and refresh tokens: what an admin reset
/// means (a reset that left a refresh token working would reset nothing).
async fn end_access(tx: &mut crate::db::Tx, user_id: i64) -> Result<(), UserError> {
    db::sessions::delete_all_for_user(&mut *tx, user_id).await?;
    db::grants::revoke_user_grants(&mut *tx, user_id).await?;
    Ok(())
}

/// Disabling also ends every session and grant at once.
pub async fn set_disabled(db: &Db, user: &User, disabled: bool) -> Result<(), UserError> {
    let mut tx = crate::db::begin_write(db).await?;
    db::users::set_disabled(&mut tx, user.id, disabled).await?;
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

/// One throttle record an unlock removed, described for the admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifted {
    /// What the record counted ("password", "second factor", ...).
    pub what: String,
    pub failures: i64,
    /// Seconds the lock still had to run, if it was locked.
    pub locked_for: Option<i64>,
}

impl std::fmt::Display for Lifted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = if self.failures == 1 { "" } else { "s" };
        write!(f, "{}: {} failure{s}", self.what, self.failures)?;
        if let Some(secs) = self.locked_for {
            write!(f, ", was locked for {secs} s more")?;
        }
        Ok(())
    }
}

/// The records that held something (a failure or a lock), described.
fn lifted(rows: Vec<db::throttle::Cleared>, describe: impl Fn(&str) -> String) -> Vec<Lifted> {
    let now = db::now();
    rows.into_iter()
        .filter(|r| r.failures > 0 || r.locked_until > now)
        .map(|r| Lifted {
            what: describe(&r.key),
            failures: r.failures,
            locked_for: (r.locked_until > now).then(|| r.locked_until - now),
        })
        .collect()
}

/// Lifts every lock that affects `user`: the password key of the account,
/// its second-factor key and the per-login code limits of its sign-ins.
/// Address keys are separate ([`unlock_address`]). Returns what held
/// something.
pub async fn unlock(db: &Db, user: &User) -> Result<Vec<Lifted>, UserError> {
    let pwd = crate::web::login::account_key(&user.username.to_lowercase());
    let mfa = crate::web::mfa::account_key(user.id);
    let logins = crate::web::mfa::login_key_prefix(user.id);
    let reset = format!("reset:user:{}", user.id);
    let mails = format!("email:user:{}", user.id);
    let keys = [pwd.as_str(), mfa.as_str(), reset.as_str(), mails.as_str()];
    let rows = db::throttle::clear_matching(db, &keys, &logins, "").await?;
    Ok(lifted(rows, |key| {
        if key == pwd {
            "password".into()
        } else if key == reset {
            "password-reset mails".into()
        } else if key == mails {
            "address-confirmation mails".into()
        } else if key == mfa {
            "second factor".into()
        } else {
            "second-factor codes of one sign-in in progress".into()
        }
    }))
}

/// The address keys, by prefix, and what each counts (see `web::login`,
/// `web::mfa`, `web::enroll_link`; `client:ID@IP` is `web::token`'s).
const ADDRESS_KEYS: [(&str, &str); 4] = [
    ("pwd:ip:", "passwords from this address"),
    ("mfa:ip:", "second-factor codes from this address"),
    ("link:ip:", "enrollment-link tokens from this address"),
    ("reset:ip:", "password-reset requests from this address"),
];

/// Clears every throttle key of the client address `ip`: its password,
/// second-factor and enrollment-link counters and the client-secret locks
/// of each client at that address. An IPv4 address also matches its
/// IPv4-mapped IPv6 form, which a dual-stack listener may have seen.
pub async fn unlock_address(db: &Db, ip: std::net::IpAddr) -> Result<Vec<Lifted>, UserError> {
    let mut forms = vec![ip.to_canonical().to_string()];
    if let std::net::IpAddr::V4(v4) = ip.to_canonical() {
        forms.push(v4.to_ipv6_mapped().to_string());
    }
    let mut out = Vec::new();
    for form in forms {
        let keys: Vec<String> = ADDRESS_KEYS
            .iter()
            .map(|(p, _)| format!("{p}{form}"))
            .collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let suffix = format!("@{form}");
        let rows = db::throttle::clear_matching(db, &refs, "client:", &suffix).await?;
        out.extend(lifted(rows, |key| {
            ADDRESS_KEYS
                .iter()
                .find(|(p, _)| key.starts_with(p))
                .map(|(_, what)| (*what).to_string())
                .unwrap_or_else(|| {
                    let client = key
                        .strip_prefix("client:")
                        .and_then(|k| k.strip_suffix(&suffix))
                        .unwrap_or(key);
                    format!("secrets of client '{client}' from this address")
                })
        }));
    }
    Ok(out)
}
