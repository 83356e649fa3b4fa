//! Self-service password reset (issue 15).
//!
//! `/reset` asks for a username or an address and always gives the same
//! answer at once; the lookup and the mail happen afterwards, in the
//! background, so neither the words nor the timing say whether an account
//! exists. The emailed link (15 minutes, by digest) alone resets nothing:
//! the user proves a second factor first (`/reset/verify`, or a passkey
//! through `web::webauthn`), then chooses the password (`/reset/password`).
//! A reader of the mailbox without a factor gets no further.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use super::client_ip::ClientIp;
use super::error::AppError;
use super::session::{ResetProgress, WebSession};
use super::{AppResult, MessagePage};
use crate::app::AppState;
use crate::auth::throttle::{self, Key};
use crate::auth::{recovery, totp};
use crate::db::email_links::{self, Purpose};
use crate::db::users::User;
use crate::email::{Letter, letter};
use crate::i18n::{Text as _, t, t1};
use crate::{crypto, db, users};

/// How long an emailed reset link works.
pub const LINK_MINUTES: i64 = 15;

/// Requests from one client address: 6, then 60 s doubling.
const ADDRESS_REQUESTS: i64 = 6;
/// Mails to one account or one address: 3, then 5 minutes doubling.
const MAILS: i64 = 3;
/// Codes tried against one reset link before it waits.
const PER_LINK_LIMIT: u32 = 5;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reset", get(request_get).post(request_post))
        .route("/reset/link", get(link_get))
        .route("/reset/verify", get(verify_get).post(verify_post))
        .route("/reset/password", get(password_get).post(password_post))
}

#[derive(Template, WebTemplate)]
#[template(path = "reset_request.html")]
struct RequestPage {
    csrf: String,
    sent: bool,
    minutes: i64,
    error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "reset_factor.html")]
struct FactorPage {
    csrf: String,
    username: String,
    has_totp: bool,
    has_passkey: bool,
    has_recovery: bool,
    error: Option<String>,
    admin_contact: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "reset_password.html")]
struct PasswordPage {
    csrf: String,
    username: String,
    min_length: usize,
    error: Option<String>,
}

/// Without email there is no reset by link: the way out is the
/// administrator, as the sign-in page's help says.
fn unavailable() -> AppError {
    AppError::NotFound
}

async fn request_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    if state.mailer.is_none() {
        return Err(unavailable());
    }
    Ok(RequestPage {
        csrf: ws.csrf_token().await?,
        sent: false,
        minutes: LINK_MINUTES,
        error: None,
    }
    .into_response())
}

#[derive(Deserialize)]
struct RequestForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    who: String,
}

async fn request_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: ClientIp,
    Form(f): Form<RequestForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    if state.mailer.is_none() {
        return Err(unavailable());
    }
    // Every request counts, known account or not (the same for both), and
    // is counted before it is let through: a burst cannot slip past.
    let key = Key::cap(format!("reset:ip:{}", ip.key()), ADDRESS_REQUESTS, 60);
    if let Err(locked) = throttle::try_reserve(&state.db, vec![key]).await? {
        let page = RequestPage {
            csrf: ws.csrf_token().await?,
            sent: false,
            minutes: LINK_MINUTES,
            error: Some(super::login::throttled(locked.seconds)),
        };
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let who: String = f.who.trim().chars().take(254).collect();
    if !who.is_empty() {
        let state = state.clone();
        tokio::spawn(async move {
            if let Err(e) = send_links(&state, &who).await {
                tracing::warn!(error = %e, "password reset request failed");
            }
        });
    }
    Ok(RequestPage {
        csrf: ws.csrf_token().await?,
        sent: true,
        minutes: LINK_MINUTES,
        error: None,
    }
    .into_response())
}

/// The accounts `who` names: a username, else a verified address. Only
/// verified addresses get mail, and never a disabled account's.
async fn accounts(state: &AppState, who: &str) -> sqlx::Result<Vec<User>> {
    let mut found = match db::users::by_username(&state.db, who).await? {
        Some(u) => vec![u],
        None if who.contains('@') => db::users::by_verified_email(&state.db, who).await?,
        None => Vec::new(),
    };
    found.retain(|u| u.email_verified && !u.disabled);
    Ok(found)
}

async fn send_links(state: &AppState, who: &str) -> Result<(), AppError> {
    let found = accounts(state, who).await?;
    if found.is_empty() {
        crate::audit::named_event(
            &state.db,
            "password_reset_requested",
            None,
            "no account with a verified address matches",
        )
        .await;
    }
    for user in found {
        // Each mail is counted before it is made, on the account and on the
        // address at once, so concurrent requests cannot flood a mailbox.
        let keys = vec![
            Key::cap(format!("reset:user:{}", user.id), MAILS, 300),
            Key::cap(
                format!("reset:addr:{}", user.email.to_lowercase()),
                MAILS,
                300,
            ),
        ];
        if throttle::reserve(&state.db, keys).await?.is_none() {
            crate::audit::named_event(
                &state.db,
                "password_reset_requested",
                Some(&user.username),
                "throttled: no mail sent",
            )
            .await;
            continue;
        }
        let has_factor = crate::auth::has_factor(&state.db, user.id).await?
            || db::factors::recovery_codes_left(&state.db, user.id).await? > 0;
        let (url, detail) = if has_factor {
            let token = crypto::random_token();
            let now = db::now();
            let mut tx = db::begin_write(&state.db).await?;
            email_links::replace(
                &mut tx,
                Purpose::Reset,
                user.id,
                &user.email,
                &crypto::digest(&token),
                now,
                now + LINK_MINUTES * 60,
            )
            .await?;
            tx.commit().await?;
            let url = format!("{}/reset/link?token={token}", state.config.issuer);
            (Some(url), "link sent")
        } else {
            (None, "no second factor: told to ask the administrator")
        };
        let rendered = reset_letter(state, &user, url).await;
        state.send_mail(
            &user.email,
            "password_reset",
            Some(&user.username),
            &rendered,
        );
        crate::audit::named_event(
            &state.db,
            "password_reset_requested",
            Some(&user.username),
            detail,
        )
        .await;
    }
    Ok(())
}

/// The reset message: the link, or (`None`, for an account without a
/// second factor) the advice to ask the administrator.
pub async fn reset_letter(state: &AppState, user: &User, url: Option<String>) -> letter::Rendered {
    let name = crate::oidc::claims::display_name(user);
    let username = user.username.clone();
    let contact = state.config.admin_contact.clone();
    letter::write(state, letter::language_of(state, user), || {
        let mut lines = vec![t1("reset-email-body", "username", username.as_str())];
        let (action, mut after) = match url {
            Some(url) => {
                lines.push(t("reset-email-factor"));
                let expires = t1("link-expires-minutes", "count", LINK_MINUTES);
                (Some((t("reset-email-action"), url)), vec![expires])
            }
            None => {
                lines.push(t("reset-email-no-factor"));
                if let Some(c) = contact {
                    lines.push(format!("{} {c}", t("help-admin-contact")));
                }
                (None, Vec::new())
            }
        };
        after.push(t("reset-email-ignore"));
        Letter {
            subject: t("reset-email-subject"),
            greeting: letter::greeting(&name),
            lines,
            action,
            after,
        }
    })
    .await
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

fn invalid() -> AppError {
    AppError::BadRequest(t("reset-invalid"))
}

/// The reset under way in this browser, while its link still works.
async fn progress(state: &AppState, ws: &WebSession) -> Result<(ResetProgress, User), AppError> {
    let p = ws.data.reset.clone().ok_or_else(invalid)?;
    let link = email_links::peek(&state.db, Purpose::Reset, &p.token_hash, db::now())
        .await?
        .filter(|l| l.user_id == p.user_id)
        .ok_or_else(invalid)?;
    let user = db::users::by_id(&state.db, link.user_id)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(invalid)?;
    Ok((p, user))
}

async fn factor_page(
    state: &AppState,
    ws: &mut WebSession,
    user: &User,
    error: Option<(StatusCode, String)>,
) -> AppResult {
    let page = FactorPage {
        csrf: ws.csrf_token().await?,
        username: user.username.clone(),
        has_totp: db::factors::totp(&state.db, user.id).await?.is_some(),
        has_passkey: !db::factors::passkeys(&state.db, user.id).await?.is_empty(),
        has_recovery: db::factors::recovery_codes_left(&state.db, user.id).await? > 0,
        error: error.as_ref().map(|(_, m)| m.clone()),
        admin_contact: ws.admin_contact(),
    };
    let status = error.map_or(StatusCode::OK, |(s, _)| s);
    Ok((status, page).into_response())
}

async fn link_get(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: ClientIp,
    Query(q): Query<TokenQuery>,
) -> AppResult {
    let digest = crypto::digest(&q.token);
    let link = super::enroll_link::guarded(
        &state,
        ip,
        email_links::peek(&state.db, Purpose::Reset, &digest, db::now()),
    )
    .await?
    .ok_or_else(invalid)?;
    ws.data.reset = Some(ResetProgress {
        user_id: link.user_id,
        token_hash: digest,
        factor_proved: false,
    });
    ws.save().await?;
    // Off the address bar and out of the history: the session has it now.
    Ok(Redirect::to("/reset/verify").into_response())
}

async fn verify_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    let (p, user) = progress(&state, &ws).await?;
    if p.factor_proved {
        return Ok(Redirect::to("/reset/password").into_response());
    }
    factor_page(&state, &mut ws, &user, None).await
}

#[derive(Deserialize)]
struct VerifyForm {
    #[serde(default)]
    csrf_token: String,
    code: Option<String>,
    recovery_code: Option<String>,
}

async fn verify_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: ClientIp,
    Form(form): Form<VerifyForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    let (p, user) = progress(&state, &ws).await?;
    if let Some(msg) = form.code.as_deref().and_then(super::mfa::wrong_length) {
        return factor_page(&state, &mut ws, &user, Some((StatusCode::BAD_REQUEST, msg))).await;
    }
    // The same account and address counters as the sign-in's second step:
    // a reset link is no way around them.
    let keys = vec![
        Key::cap(
            format!("reset:link:{}", p.token_hash),
            i64::from(PER_LINK_LIMIT),
            30,
        ),
        Key::address(format!("mfa:ip:{}", ip.key()), super::login::ADDRESS_POLICY),
        Key::account(super::mfa::account_key(user.id), super::mfa::ACCOUNT_POLICY),
    ];
    let attempt = match throttle::try_reserve(&state.db, keys).await? {
        Ok(attempt) => attempt,
        Err(locked) => {
            let msg = super::login::throttled(locked.seconds);
            let error = Some((StatusCode::TOO_MANY_REQUESTS, msg));
            return factor_page(&state, &mut ws, &user, error).await;
        }
    };
    let (ok, method) = match (&form.code, &form.recovery_code) {
        (Some(code), _) if !code.trim().is_empty() => (
            totp::verify(&state, user.id, code, totp::now())
                .await
                .map_err(AppError::Internal)?,
            "totp",
        ),
        (_, Some(rc)) if !rc.trim().is_empty() && rc.len() < 64 => (
            db::factors::use_recovery_code(&state.db, user.id, &recovery::digest(rc)).await?,
            "recovery_code",
        ),
        _ => (false, "none"),
    };
    if !ok {
        attempt.failed(&state.db).await;
        crate::audit::named_event(
            &state.db,
            "password_reset_failed",
            Some(&user.username),
            "wrong second factor",
        )
        .await;
        let msg = match attempt.locked_for() {
            Some(secs) => format!("{} {}", t("code-invalid"), super::login::throttled(secs)),
            None => t("code-invalid-retry"),
        };
        return factor_page(
            &state,
            &mut ws,
            &user,
            Some((StatusCode::UNAUTHORIZED, msg)),
        )
        .await;
    }
    attempt.succeeded(&state.db).await?;
    factor_proved(&state, &mut ws, &user, method).await?;
    Ok(Redirect::to("/reset/password").into_response())
}

/// The reset's second factor passed (a code here, or a passkey through
/// `web::webauthn`): a privilege change, so a new session id.
pub async fn factor_proved(
    state: &AppState,
    ws: &mut WebSession,
    user: &User,
    method: &str,
) -> Result<(), AppError> {
    let Some(p) = ws.data.reset.as_mut() else {
        return Err(invalid());
    };
    p.factor_proved = true;
    ws.elevate().await?;
    crate::audit::named_event(
        &state.db,
        "password_reset_factor",
        Some(&user.username),
        &format!("method={method}"),
    )
    .await;
    Ok(())
}

/// The user whose reset a passkey ceremony may prove, while the reset's
/// link works and no factor was proved yet.
pub async fn passkey_user(state: &AppState, ws: &WebSession) -> Result<i64, AppError> {
    let (p, user) = progress(state, ws).await?;
    if p.factor_proved {
        return Err(invalid());
    }
    Ok(user.id)
}

/// The user whose reset this browser may finish: factor proved.
async fn proved(state: &AppState, ws: &WebSession) -> Result<(ResetProgress, User), AppError> {
    let (p, user) = progress(state, ws).await?;
    if !p.factor_proved {
        // RFC-free, but the point of the design: the link alone never resets.
        return Err(AppError::BadRequest(t("reset-factor-first")));
    }
    Ok((p, user))
}

async fn password_page(
    state: &AppState,
    ws: &mut WebSession,
    user: &User,
    error: Option<String>,
) -> AppResult {
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = PasswordPage {
        csrf: ws.csrf_token().await?,
        username: user.username.clone(),
        min_length: state.config.password.min_length,
        error,
    };
    Ok((status, page).into_response())
}

async fn password_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    let (_, user) = proved(&state, &ws).await?;
    password_page(&state, &mut ws, &user, None).await
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

async fn password_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(f): Form<PasswordForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let (p, user) = proved(&state, &ws).await?;
    if f.new_password != f.confirm_password {
        return password_page(&state, &mut ws, &user, Some(t("account-passwords-differ"))).await;
    }
    let changed = users::reset_password_with_link(
        &state.db,
        &state.passwords,
        &user,
        &f.new_password,
        &p.token_hash,
    )
    .await;
    match changed {
        Ok(true) => {}
        Ok(false) => return Err(invalid()),
        Err(users::UserError::Invalid(msg)) => {
            return password_page(&state, &mut ws, &user, Some(msg)).await;
        }
        Err(users::UserError::Password(e)) => return Err(e.into()),
        Err(e) => return Err(AppError::internal(e)),
    }
    state.identities.invalidate();
    ws.data.reset = None;
    ws.data.reset_passkey = None;
    ws.save().await?;
    crate::audit::named_event(
        &state.db,
        "password_reset",
        Some(&user.username),
        "by emailed link and second factor; sessions and tokens ended",
    )
    .await;
    crate::email::notices::send(
        &state,
        user.id,
        crate::email::notices::Notice::PasswordChanged,
    )
    .await;
    Ok(MessagePage {
        title: t("reset-done-title"),
        message: t("reset-done-body"),
        link: Some(("/login".into(), t("reset-done-sign-in"))),
    }
    .into_response())
}
