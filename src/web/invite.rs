//! `/invite`: an invitation's link. The invitee picks a username (unless
//! the administrator preset one) and a password; the account is created
//! with the invited address verified and the invitation's groups, and the
//! new login goes on to enroll a second factor, as any first sign-in does.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use super::AppResult;
use super::client_ip::ClientIp;
use super::error::AppError;
use super::session::WebSession;
use crate::app::AppState;
use crate::db::invitations::Invitation;
use crate::i18n::{Text as _, t};
use crate::oidc::authorize::Amr;
use crate::users::{self, AddUser, UserError};
use crate::{crypto, db};

pub fn router() -> Router<AppState> {
    Router::new().route("/invite", get(invite_get).post(invite_post))
}

#[derive(Template, WebTemplate)]
#[template(path = "invite.html")]
struct InvitePage {
    csrf: String,
    token: String,
    email: String,
    preset_username: Option<String>,
    username: String,
    min_length: usize,
    error: Option<String>,
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// Used, revoked, expired or never issued: one page for all of them.
fn gone() -> AppError {
    AppError::BadRequest(t("invite-invalid"))
}

async fn open_invitation(
    state: &AppState,
    ip: ClientIp,
    token: &str,
) -> Result<Invitation, AppError> {
    let digest = crypto::digest(token);
    super::enroll_link::guarded(
        state,
        ip,
        db::invitations::peek(&state.db, &digest, db::now()),
    )
    .await?
    .ok_or_else(gone)
}

async fn page(
    state: &AppState,
    ws: &mut WebSession,
    token: String,
    invitation: Invitation,
    username: String,
    error: Option<String>,
) -> AppResult {
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        InvitePage {
            csrf: ws.csrf_token().await?,
            token,
            email: invitation.email,
            preset_username: invitation.username,
            username,
            min_length: state.config.password.min_length,
            error,
        },
    )
        .into_response())
}

/// The form again, with what was wrong.
async fn again(
    state: &AppState,
    ws: &mut WebSession,
    token: &str,
    invitation: &Invitation,
    username: &str,
    msg: String,
) -> AppResult {
    let (token, invitation, username) =
        (token.to_string(), invitation.clone(), username.to_string());
    page(state, ws, token, invitation, username, Some(msg)).await
}

async fn invite_get(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: ClientIp,
    Query(q): Query<TokenQuery>,
) -> AppResult {
    let invitation = open_invitation(&state, ip, &q.token).await?;
    page(&state, &mut ws, q.token, invitation, String::new(), None).await
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

async fn invite_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: ClientIp,
    headers: axum::http::HeaderMap,
    Form(f): Form<InviteForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let invitation = open_invitation(&state, ip, &f.token).await?;
    // A preset name is the administrator's, whatever the form says.
    let username = invitation
        .username
        .clone()
        .unwrap_or_else(|| f.username.trim().to_string());
    let problem = if users::check_username(&username).is_err() {
        Some(t("invite-username-invalid"))
    } else if f.new_password != f.confirm_password {
        Some(t("account-passwords-differ"))
    } else {
        state.passwords.check_policy(&f.new_password).err()
    };
    if let Some(msg) = problem {
        return again(&state, &mut ws, &f.token, &invitation, &username, msg).await;
    }
    // The address went to another account meanwhile (see `invitations::create`).
    if db::users::email_taken(&state.db, &invitation.email, 0).await? {
        return Err(gone());
    }
    let groups = invitation.group_list();
    let added = users::add(
        &state.db,
        &state.passwords,
        &AddUser {
            username: &username,
            email: &invitation.email,
            name: None,
            groups: &groups,
            password: Some(&f.new_password),
            // Opening the emailed link proved the address.
            email_verified: true,
            invitation: Some(&crypto::digest(&f.token)),
        },
    )
    .await;
    let user = match added {
        Ok(user) => user,
        Err(UserError::Exists(_)) => {
            let msg = t("invite-username-taken");
            return again(&state, &mut ws, &f.token, &invitation, &username, msg).await;
        }
        Err(UserError::Invalid(msg)) if msg == users::INVITATION_GONE => return Err(gone()),
        Err(UserError::Invalid(msg)) => {
            return again(&state, &mut ws, &f.token, &invitation, &username, msg).await;
        }
        Err(UserError::Password(e)) => return Err(e.into()),
        Err(e) => return Err(AppError::internal(e)),
    };
    let detail = format!("invitation {} for {}", invitation.id, invitation.email);
    crate::audit::named_event(&state.db, "invitation_used", Some(&user.username), &detail).await;
    let agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(200).collect());
    let start = super::session::LoginStart {
        user_id: user.id,
        amr: &[Amr::Pwd],
        remember: false,
    };
    ws.begin_login(&state, start, agent, None).await?;
    Ok(Redirect::to("/enroll").into_response())
}
