//! `/enroll/link`: the one-time link an administrator hands out
//! (`latchkey user enroll-link`). The user sets a password and enrolls a new
//! second factor; no administrator ever sees the password. Using the link
//! replaces the user's old factors and ends their sessions.

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
use crate::auth::throttle::{self, Policy};
use crate::i18n::{Text as _, t};
use crate::oidc::authorize::Amr;
use crate::{crypto, db, users};

pub fn router() -> Router<AppState> {
    Router::new().route("/enroll/link", get(link_get).post(link_post))
}

#[derive(Template, WebTemplate)]
#[template(path = "enroll_link.html")]
struct LinkPage {
    csrf: String,
    token: String,
    username: String,
    min_length: usize,
    error: Option<String>,
}

#[derive(Deserialize)]
struct LinkQuery {
    #[serde(default)]
    token: String,
}

fn expired() -> AppError {
    AppError::BadRequest(t("enroll-link-invalid"))
}

async fn page(
    state: &AppState,
    ws: &mut WebSession,
    token: String,
    error: Option<&str>,
) -> AppResult {
    let user_id = db::factors::peek_enrollment_link(&state.db, &crypto::digest(&token))
        .await?
        .ok_or_else(expired)?;
    let user = db::users::by_id(&state.db, user_id)
        .await?
        .ok_or_else(expired)?;
    let page = LinkPage {
        csrf: ws.csrf_token().await?,
        token,
        username: user.username,
        min_length: state.config.password.min_length,
        error: error.map(str::to_string),
    };
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

/// Guessing links: 10 free misses per address, then 60 s doubling.
const LINK_POLICY: Policy = Policy {
    free: 10,
    base_seconds: 60,
};

fn link_key(ip: ClientIp) -> String {
    format!("link:ip:{}", ip.key())
}

/// Runs a link lookup under the `link:` throttle of the client address,
/// shared by every emailed and enrollment link: refused while locked, and
/// a miss is a counted failure. Each lookup is counted before it runs (and
/// refunded when it finds the link), so a burst of guesses cannot slip past
/// the limit.
pub async fn guarded<T>(
    state: &AppState,
    ip: ClientIp,
    lookup: impl std::future::Future<Output = sqlx::Result<Option<T>>>,
) -> Result<Option<T>, AppError> {
    let key = throttle::Key::lock(link_key(ip), LINK_POLICY);
    let attempt = match throttle::try_reserve(&state.db, vec![key]).await? {
        Ok(attempt) => attempt,
        Err(locked) => {
            return Err(AppError::BadRequest(super::login::throttled(
                locked.seconds,
            )));
        }
    };
    let found = lookup.await?;
    if found.is_some() {
        attempt.refund(&state.db).await?;
    } else {
        attempt.failed(&state.db).await;
    }
    Ok(found)
}

/// The user a link token is for, looked up by digest (no hashing), under
/// the `link:` throttle key shared by the page and the form.
async fn link_user(state: &AppState, ip: ClientIp, token: &str) -> Result<i64, AppError> {
    let digest = crypto::digest(token);
    guarded(
        state,
        ip,
        db::factors::peek_enrollment_link(&state.db, &digest),
    )
    .await?
    .ok_or_else(expired)
}

async fn link_get(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: ClientIp,
    Query(q): Query<LinkQuery>,
) -> AppResult {
    link_user(&state, ip, &q.token).await?;
    page(&state, &mut ws, q.token, None).await
}

#[derive(Deserialize)]
struct LinkForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

async fn link_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: ClientIp,
    headers: axum::http::HeaderMap,
    Form(f): Form<LinkForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    // The token first: a bogus one costs a digest lookup, never argon2.
    link_user(&state, ip, &f.token).await?;
    if f.new_password != f.confirm_password {
        return page(
            &state,
            &mut ws,
            f.token,
            Some(&t("account-passwords-differ")),
        )
        .await;
    }
    if let Err(msg) = state.passwords.check_policy(&f.new_password) {
        return page(&state, &mut ws, f.token, Some(&msg)).await;
    }
    let hash = state.passwords.hash(&f.new_password).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let user_id = db::factors::take_enrollment_link(&mut tx, &crypto::digest(&f.token))
        .await?
        .ok_or_else(expired)?;
    db::users::set_password(&mut tx, user_id, &hash).await?;
    db::factors::delete_all(&mut tx, user_id).await?;
    db::sessions::delete_all_for_user(&mut tx, user_id).await?;
    tx.commit().await?;
    state.identities.invalidate();
    crate::audit::user_event(&state.db, "enrollment_link_used", user_id, "").await;
    // The account page names this session's device like any other's.
    let agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(200).collect());
    let start = super::session::LoginStart {
        user_id,
        amr: &[Amr::Pwd],
        remember: false,
    };
    ws.begin_login(&state, start, agent, None).await?;
    Ok(Redirect::to("/enroll").into_response())
}

/// Creates a link for `user`, valid for `minutes`; returns its URL.
pub async fn create(
    state: &AppState,
    user: &db::users::User,
    minutes: i64,
) -> Result<String, users::UserError> {
    let token = crypto::random_token();
    db::factors::insert_enrollment_link(
        &state.db,
        &crypto::digest(&token),
        user.id,
        db::now() + minutes * 60,
    )
    .await?;
    Ok(format!(
        "{}?token={token}",
        state.config.endpoint("/enroll/link")
    ))
}
