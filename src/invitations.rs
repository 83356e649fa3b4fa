//! Invitations (issue 15): an administrator invites an address; the
//! invitee picks a username (unless preset) and a password, then enrolls a
//! second factor as at any first sign-in. Using the link proves the address.

use crate::app::AppState;
use crate::crypto;
use crate::db::{self, invitations::Invitation, invitations::NewInvitation};
use crate::email::{Letter, letter};
use crate::i18n::{self, t, t1};
use crate::users::{self, UserError};

/// Longest an invitation may stay open.
pub const MAX_SECONDS: i64 = 30 * 86_400;

pub struct Created {
    pub invitation: Invitation,
    pub url: String,
}

/// Records an invitation and returns its link (shown once).
pub async fn create(
    state: &AppState,
    email: &str,
    username: Option<&str>,
    groups: &[String],
    seconds: i64,
) -> Result<Created, UserError> {
    users::check_email(email)?;
    // Two accounts with one verified address would let an application that
    // links accounts on it (allauth) pick either.
    if db::users::email_taken(&state.db, email, 0).await? {
        return Err(UserError::Invalid(format!(
            "a user already has the address {email}"
        )));
    }
    if let Some(u) = username {
        users::check_username(u)?;
        if db::users::by_username(&state.db, u).await?.is_some() {
            return Err(UserError::Exists(u.into()));
        }
    }
    if !(60..=MAX_SECONDS).contains(&seconds) {
        return Err(UserError::Invalid(
            "an invitation lasts from 1 minute to 30 days".into(),
        ));
    }
    let token = crypto::random_token();
    let now = db::now();
    let id = db::invitations::insert(
        &state.db,
        &NewInvitation {
            token_hash: &crypto::digest(&token),
            email,
            username,
            groups,
            created_at: now,
            expires_at: now + seconds,
        },
    )
    .await?;
    let invitation = db::invitations::by_id(&state.db, id)
        .await?
        .ok_or_else(|| UserError::Invalid("the invitation vanished".into()))?;
    Ok(Created {
        invitation,
        url: format!("{}/invite?token={token}", state.config.issuer),
    })
}

/// The invitation message in `lang`: the server's default language, as
/// the invitee has no account (and no language of their own) yet.
pub async fn letter(
    state: &AppState,
    invitation: &Invitation,
    url: &str,
    lang: crate::i18n::Lang,
) -> letter::Rendered {
    let issuer = state.config.issuer.clone();
    let left = invitation.expires_at - invitation.created_at;
    let url = url.to_string();
    letter::write(state, lang, move || Letter {
        subject: t("invite-email-subject"),
        greeting: t("email-test-greeting"),
        lines: vec![t1("invite-email-body", "issuer", issuer.as_str())],
        action: Some((t("invite-email-action"), url)),
        after: vec![expires_in(left), t("invite-email-ignore")],
    })
    .await
}

/// "The link works once, for N days/hours" in the current language.
fn expires_in(seconds: i64) -> String {
    if seconds >= 2 * 86_400 {
        i18n::t1("link-expires-days", "count", seconds / 86_400)
    } else {
        i18n::t1("link-expires-hours", "count", (seconds + 3599) / 3600)
    }
}
