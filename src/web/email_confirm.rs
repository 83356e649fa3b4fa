//! Proving an address: the account page sends a one-time link to it
//! ([`send`]); `/email/confirm` shows what the link does and a button. The
//! change happens on that POST only, never on the GET: mail scanners open
//! links to look at them.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use super::client_ip::ClientIp;
use super::error::AppError;
use super::session::WebSession;
use super::{AppResult, MessagePage};
use crate::app::AppState;
use crate::db::email_links::{self, Purpose};
use crate::email::{Letter, letter};
use crate::i18n::{Text as _, t, t1, t2};
use crate::{crypto, db};

/// How long a confirmation link works.
pub const CONFIRM_HOURS: i64 = 24;

pub fn router() -> Router<AppState> {
    Router::new().route("/email/confirm", get(confirm_get).post(confirm_post))
}

/// Sends `address` a link that makes it `user`'s verified address. False
/// when no `[email]` is configured.
pub async fn send(
    state: &AppState,
    user: &db::users::User,
    address: &str,
) -> Result<bool, AppError> {
    if state.mailer.is_none() {
        return Ok(false);
    }
    let token = crypto::random_token();
    let now = db::now();
    let mut tx = db::begin_write(&state.db).await?;
    email_links::replace(
        &mut tx,
        Purpose::Confirm,
        user.id,
        address,
        &crypto::digest(&token),
        now,
        now + CONFIRM_HOURS * 3600,
    )
    .await?;
    tx.commit().await?;
    let url = format!("{}/email/confirm?token={token}", state.config.issuer);
    let rendered = confirmation_letter(state, user, url).await;
    Ok(state.send_mail(address, "confirm_address", Some(&user.username), &rendered))
}

/// The confirmation message with its link.
pub async fn confirmation_letter(
    state: &AppState,
    user: &db::users::User,
    url: String,
) -> letter::Rendered {
    let name = crate::oidc::claims::display_name(user);
    let username = user.username.clone();
    letter::write(state, letter::language_of(state, user), || Letter {
        subject: t("email-confirm-subject"),
        greeting: letter::greeting(&name),
        lines: vec![t1("email-confirm-body", "username", username.as_str())],
        action: Some((t("email-confirm-action"), url)),
        after: vec![
            t1("link-expires-hours", "count", CONFIRM_HOURS),
            t("email-confirm-ignore"),
        ],
    })
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "email_confirm.html")]
struct ConfirmPage {
    csrf: String,
    token: String,
    address: String,
    username: String,
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

fn invalid() -> AppError {
    AppError::BadRequest(t("email-confirm-invalid"))
}

/// The live link for `token`, under the throttle that guards every
/// emailed and enrollment link against guessing.
async fn live_link(
    state: &AppState,
    ip: ClientIp,
    token: &str,
) -> Result<email_links::Link, AppError> {
    let digest = crypto::digest(token);
    super::enroll_link::guarded(state, ip, async {
        email_links::peek(&state.db, Purpose::Confirm, &digest, db::now()).await
    })
    .await?
    .ok_or_else(invalid)
}

async fn confirm_get(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: ClientIp,
    Query(q): Query<TokenQuery>,
) -> AppResult {
    let link = live_link(&state, ip, &q.token).await?;
    let user = db::users::by_id(&state.db, link.user_id)
        .await?
        .ok_or_else(invalid)?;
    Ok(ConfirmPage {
        csrf: ws.csrf_token().await?,
        token: q.token,
        address: link.email,
        username: user.username,
    }
    .into_response())
}

#[derive(Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
}

async fn confirm_post(
    State(state): State<AppState>,
    ws: WebSession,
    ip: ClientIp,
    Form(f): Form<ConfirmForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    live_link(&state, ip, &f.token).await?;
    let link = email_links::take(
        &state.db,
        Purpose::Confirm,
        &crypto::digest(&f.token),
        db::now(),
    )
    .await?
    .ok_or_else(invalid)?;
    let user = db::users::by_id(&state.db, link.user_id)
        .await?
        .ok_or_else(invalid)?;
    // Two accounts with one verified address would let an application
    // that links on it pick either; only the mailbox's owner learns this.
    if db::users::email_taken(&state.db, &link.email, user.id).await? {
        return Err(AppError::BadRequest(t("email-confirm-taken")));
    }
    db::users::set_email(&state.db, user.id, &link.email, true).await?;
    state.identities.invalidate();
    let detail = if link.email.eq_ignore_ascii_case(&user.email) {
        format!("confirmed {}", link.email)
    } else {
        format!("changed from {} to {} (confirmed)", user.email, link.email)
    };
    crate::audit::named_event(&state.db, "email_confirmed", Some(&user.username), &detail).await;
    Ok(MessagePage {
        title: t("email-confirmed-title"),
        message: t2(
            "email-confirmed-body",
            "address",
            link.email.as_str(),
            "username",
            user.username.as_str(),
        ),
        link: Some(("/account".into(), t("email-confirmed-continue"))),
    }
    .into_response())
}
