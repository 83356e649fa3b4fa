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
use crate::db;
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

/// Who may enroll: a logged-in user with no factor yet (forced enrollment),
/// or one who has completed both factors.
pub enum Access {
    Allowed { login: Login, first: bool },
    Denied(Response),
}

pub async fn access(state: &AppState, ws: &WebSession) -> Result<Access, AppError> {
    let Some(login) = ws.login(state).await? else {
        return Ok(Access::Denied(Redirect::to("/login").into_response()));
    };
    let has = crate::auth::has_factor(&state.db, login.user_id()).await?;
    if has && !login.is_complete() {
        return Ok(Access::Denied(Redirect::to("/login/mfa").into_response()));
    }
    Ok(Access::Allowed { login, first: !has })
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
    let secret = match &ws.data.totp_enrollment {
        Some(s) => s.clone(),
        None => {
            let s = totp::new_secret();
            ws.data.totp_enrollment = Some(s.clone());
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

async fn enroll_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    match access(&state, &ws).await? {
        Access::Denied(r) => Ok(r),
        Access::Allowed { login, first } => page(&state, &mut ws, &login, first, None).await,
    }
}

async fn enroll_totp_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(form): Form<CodeForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    let (login, first) = match access(&state, &ws).await? {
        Access::Denied(r) => return Ok(r),
        Access::Allowed { login, first } => (login, first),
    };
    let Some(secret) = ws.data.totp_enrollment.clone() else {
        return Ok(Redirect::to("/enroll").into_response());
    };
    // The factor becomes active only once a correct code proves the app has it.
    let Some(step) = totp::check(&secret, &form.code, totp::now()) else {
        return page(
            &state,
            &mut ws,
            &login,
            first,
            Some("That code is not valid. Check the app and try again."),
        )
        .await;
    };
    let sealed = state.secrets.seal(&secret).map_err(AppError::internal)?;
    db::factors::set_totp(&state.db, login.user_id(), &sealed, step).await?;
    ws.data.totp_enrollment = None;
    crate::audit::user_event(&state.db, "factor_enrolled", login.user_id(), "method=totp").await;
    after_enrollment(&state, &mut ws, &login, first, &[Amr::Otp]).await?;
    Ok(Redirect::to(if first {
        "/enroll/recovery"
    } else {
        "/account"
    })
    .into_response())
}

/// Completes the login with the new factor; after the first factor, makes
/// the recovery codes to show once.
pub async fn after_enrollment(
    state: &AppState,
    ws: &mut WebSession,
    login: &Login,
    first: bool,
    amr: &[Amr],
) -> Result<(), AppError> {
    if first {
        let codes = issue_recovery_codes(state, login.user_id()).await?;
        ws.data.fresh_recovery_codes = Some(codes);
    }
    ws.upgrade_login(state, login, amr, None).await
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

async fn recovery_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    if ws.login(&state).await?.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    let Some(codes) = ws.data.fresh_recovery_codes.clone() else {
        return Ok(Redirect::to("/authorize/resume").into_response());
    };
    Ok(RecoveryPage {
        csrf: ws.csrf_token().await?,
        codes,
    }
    .into_response())
}

async fn recovery_post(
    State(_state): State<AppState>,
    mut ws: WebSession,
    Form(form): Form<CsrfForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    ws.data.fresh_recovery_codes = None;
    ws.save().await?;
    Ok(Redirect::to("/authorize/resume").into_response())
}
