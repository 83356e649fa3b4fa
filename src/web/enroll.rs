//! `/enroll`: setting up a second factor (TOTP here; passkeys through
//! `web::webauthn`), and the recovery codes shown once after the first one.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

use super::AppResult;
use super::error::AppError;
use super::session::{Login, WebSession};
use crate::app::AppState;
use crate::auth::{recovery, totp};
use crate::config::MfaPolicy;
use crate::db;
use crate::i18n::{Text as _, t};
use crate::oidc::authorize::Amr;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/enroll", get(enroll_get))
        .route("/enroll/totp", post(enroll_totp_post))
        .route("/enroll/recovery", get(recovery_get).post(recovery_post))
}

#[derive(Template, WebTemplate)]
#[template(path = "enroll.html")]
struct EnrollPage {
    csrf: String,
    forced: bool,
    secret_grouped: String,
    /// The key without spaces, for the Copy button.
    secret_plain: String,
    otpauth_uri: String,
    qr: String,
    error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "recovery_codes.html")]
struct RecoveryPage {
    csrf: String,
    codes: Vec<String>,
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

/// Who may enroll: a user whose strongest credential was checked in the
/// last few minutes (`Login::verified_recently`), also when the policy
/// makes them set up a first factor (forced enrollment).
pub enum Access {
    Allowed {
        login: Login,
        /// The user has no factor yet: recovery codes come with this one.
        first: bool,
        /// The policy requires a factor and the user has none: enrolling
        /// completes this login (the one case where it counts as one).
        forced: bool,
    },
    Denied(Response),
}

pub async fn access(state: &AppState, ws: &WebSession) -> Result<Access, AppError> {
    let Some(login) = ws.login(state).await? else {
        return Ok(Access::Denied(Redirect::to("/login").into_response()));
    };
    if login.has_factor() && !login.is_complete() {
        return Ok(Access::Denied(Redirect::to("/login/mfa").into_response()));
    }
    let first = !login.has_factor();
    let forced = first && factor_required(state, ws).await?;
    // Forced or not, only a recent check may add a factor: a stale or
    // stolen session could otherwise reach a forced enrollment by opening
    // a request for a client that requires MFA, and enroll its own.
    if !login.verified_recently(db::now()) {
        let to = super::account::reauth_path(&login);
        return Ok(Access::Denied(Redirect::to(to).into_response()));
    }
    Ok(Access::Allowed {
        login,
        first,
        forced,
    })
}

/// The global policy, or the pending request's client, requires a factor.
async fn factor_required(state: &AppState, ws: &WebSession) -> Result<bool, AppError> {
    if state.config.mfa == MfaPolicy::Required {
        return Ok(true);
    }
    let Some(pending) = ws.data.login_request() else {
        return Ok(false);
    };
    let client = db::clients::get(&state.db, &pending.client_id).await?;
    Ok(client.is_some_and(|c| c.require_mfa == Some(true)))
}

async fn page(
    state: &AppState,
    ws: &mut WebSession,
    login: &Login,
    forced: bool,
    error: Option<&str>,
) -> AppResult {
    let user = db::users::by_id(&state.db, login.user_id())
        .await?
        .ok_or(AppError::NotFound)?;
    let secret = match pending_secret(state, ws)? {
        Some(s) => s,
        None => {
            let s = totp::new_secret();
            // Sealed: the page session is stored, the clear secret is not.
            ws.data.totp_enrollment = Some(state.secrets.seal(&s).map_err(AppError::internal)?);
            ws.save().await?;
            s
        }
    };
    let uri = totp::otpauth_uri(&secret, &user.username)
        .ok_or_else(|| AppError::internal("otpauth URI"))?;
    let qr =
        totp::qr_data_uri(&secret, &user.username).ok_or_else(|| AppError::internal("QR code"))?;
    let page = EnrollPage {
        csrf: ws.csrf_token().await?,
        forced,
        // Groups of four are easier to type into an app.
        secret_grouped: secret
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" "),
        secret_plain: secret.clone(),
        otpauth_uri: uri,
        qr,
        error: error.map(str::to_string),
    };
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

/// The TOTP secret being enrolled, unsealed; `None` when there is none
/// (or it was sealed under a key this instance no longer has).
fn pending_secret(state: &AppState, ws: &WebSession) -> Result<Option<String>, AppError> {
    Ok(ws
        .data
        .totp_enrollment
        .as_deref()
        .and_then(|sealed| state.secrets.open(sealed).ok()))
}

async fn enroll_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    match access(&state, &ws).await? {
        Access::Denied(r) => Ok(r),
        Access::Allowed { login, forced, .. } => page(&state, &mut ws, &login, forced, None).await,
    }
}

async fn enroll_totp_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(form): Form<CodeForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    let (login, first, forced) = match access(&state, &ws).await? {
        Access::Denied(r) => return Ok(r),
        Access::Allowed {
            login,
            first,
            forced,
        } => (login, first, forced),
    };
    let Some(secret) = pending_secret(&state, &ws)? else {
        return Ok(Redirect::to("/enroll").into_response());
    };
    if let Some(msg) = super::mfa::wrong_length(&form.code) {
        return page(&state, &mut ws, &login, forced, Some(&msg)).await;
    }
    // The factor becomes active only once a correct code proves the app has it.
    let Some(step) = totp::check(&secret, &form.code, totp::now()) else {
        return page(
            &state,
            &mut ws,
            &login,
            forced,
            Some(&t("enroll-code-invalid")),
        )
        .await;
    };
    let sealed = state.secrets.seal(&secret).map_err(AppError::internal)?;
    db::factors::set_totp(&state.db, login.user_id(), &sealed, step).await?;
    ws.data.totp_enrollment = None;
    crate::audit::user_event(&state.db, "factor_enrolled", login.user_id(), "method=totp").await;
    let added = crate::email::notices::Notice::FactorAdded { passkey: false };
    crate::email::notices::send(&state, login.user_id(), added).await;
    after_enrollment(&state, &mut ws, &login, (first, forced), &[Amr::Otp]).await?;
    Ok(Redirect::to(if first {
        "/enroll/recovery"
    } else {
        "/account"
    })
    .into_response())
}

/// After a new factor: a forced first enrollment completes the login with
/// it; any other enrollment is a credential change, which proves nothing
/// new (no `amr`, same `auth_time`) and ends the user's other logins.
/// After the first factor the recovery codes are due, made and shown by
/// the next page.
pub async fn after_enrollment(
    state: &AppState,
    ws: &mut WebSession,
    login: &Login,
    (first, forced): (bool, bool),
    amr: &[Amr],
) -> Result<(), AppError> {
    ws.data.recovery_codes_due = first;
    if forced {
        ws.upgrade_login(state, login, amr, None).await
    } else {
        super::account::after_factor_change(state, ws, login).await
    }
}

/// Replaces the user's recovery codes; returns the new ones in clear, once.
pub async fn issue_recovery_codes(state: &AppState, user_id: i64) -> Result<Vec<String>, AppError> {
    let codes = recovery::generate();
    let hashes: Vec<String> = codes.iter().map(|c| recovery::digest(c)).collect();
    let mut tx = crate::db::begin_write(&state.db).await?;
    db::factors::set_recovery_codes(&mut tx, user_id, &hashes).await?;
    tx.commit().await?;
    Ok(codes)
}

/// The first factor's recovery codes: made by this request and shown in
/// its response only, so no clear code is ever stored (a reload shows none).
async fn recovery_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    let Some(login) = ws.login(&state).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    if !ws.data.recovery_codes_due {
        return Ok(Redirect::to("/authorize/resume").into_response());
    }
    ws.data.recovery_codes_due = false;
    ws.save().await?;
    let codes = issue_recovery_codes(&state, login.user_id()).await?;
    recovery_page(&mut ws, codes).await
}

/// The page that shows fresh recovery codes once.
pub async fn recovery_page(ws: &mut WebSession, codes: Vec<String>) -> AppResult {
    let mut resp = RecoveryPage {
        csrf: ws.csrf_token().await?,
        codes,
    }
    .into_response();
    resp.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(resp)
}

async fn recovery_post(
    State(_state): State<AppState>,
    ws: WebSession,
    Form(form): Form<CsrfForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    Ok(Redirect::to("/authorize/resume").into_response())
}
