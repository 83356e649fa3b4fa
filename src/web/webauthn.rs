//! The WebAuthn ceremonies as JSON endpoints for `static/webauthn.js`:
//! standard WebAuthn JSON forms in and out (the options, and credentials as
//! `PublicKeyCredential.toJSON()` gives them). Each POST needs the session's
//! CSRF token in the `X-CSRF-Token` header; ceremony state stays in the
//! server-side session and is used once.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use webauthn_rs::prelude::{
    CredentialID, Passkey, PasskeyAuthentication, PublicKeyCredential, RegisterPublicKeyCredential,
};

use super::enroll::{self, Access};
use super::error::AppError;
use super::session::WebSession;
use crate::app::AppState;
use crate::auth::passkey::user_handle;
use crate::auth::throttle;
use crate::crypto::b64url;
use crate::db;
use crate::i18n::t;
use crate::oidc::authorize::Amr;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webauthn/register/start", post(register_start))
        .route("/webauthn/register/finish", post(register_finish))
        .route("/webauthn/login/start", post(login_start))
        .route("/webauthn/login/finish", post(login_finish))
}

/// A JSON error for the script: status and a message to show.
pub struct JsonFailure(StatusCode, String);

impl IntoResponse for JsonFailure {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<AppError> for JsonFailure {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Csrf => JsonFailure(StatusCode::FORBIDDEN, t("passkey-session-expired")),
            AppError::BadRequest(_) | AppError::Malformed(_) | AppError::OAuth(_) => {
                JsonFailure(StatusCode::BAD_REQUEST, t("passkey-bad-request"))
            }
            AppError::NotFound => JsonFailure(StatusCode::NOT_FOUND, t("passkey-not-found")),
            AppError::Busy => JsonFailure(StatusCode::SERVICE_UNAVAILABLE, t("passkey-busy")),
            AppError::Internal(e) => {
                tracing::error!(error = %e, "webauthn endpoint failure");
                JsonFailure(StatusCode::INTERNAL_SERVER_ERROR, t("js-went-wrong"))
            }
        }
    }
}

impl From<sqlx::Error> for JsonFailure {
    fn from(e: sqlx::Error) -> Self {
        AppError::from(e).into()
    }
}

type JsonResult = Result<Response, JsonFailure>;

fn check_csrf(ws: &WebSession, headers: &HeaderMap) -> Result<(), JsonFailure> {
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Ok(ws.check_csrf(token)?)
}

/// 401 with the text of `key`.
fn refused(key: &str) -> JsonFailure {
    JsonFailure(StatusCode::UNAUTHORIZED, t(key))
}

const PASSKEY_FAILED: &str = "passkey-failed";
/// Adding a passkey needs a recent sign-in (or the forced first setup).
const CONFIRM_FIRST: &str = "passkey-confirm-first";

/// Where the page goes after a successful ceremony.
fn next(url: &str) -> Response {
    Json(json!({ "redirect": url })).into_response()
}

async fn register_start(
    State(state): State<AppState>,
    mut ws: WebSession,
    headers: HeaderMap,
) -> JsonResult {
    check_csrf(&ws, &headers)?;
    let login = match enroll::access(&state, &ws).await? {
        Access::Denied(_) => return Err(refused(CONFIRM_FIRST)),
        Access::Allowed { login, .. } => login,
    };
    let user = db::users::by_id(&state.db, login.user_id())
        .await?
        .ok_or(AppError::NotFound)?;
    let existing: Vec<CredentialID> = db::factors::passkeys(&state.db, user.id)
        .await?
        .iter()
        .filter_map(|p| serde_json::from_str::<Passkey>(&p.passkey).ok())
        .map(|p| p.cred_id().clone())
        .collect();
    let display = crate::oidc::claims::display_name(&user);
    let (mut options, reg) = state
        .webauthn
        .start_passkey_registration(
            user_handle(&user.subject),
            &user.username,
            &display,
            Some(existing),
        )
        .map_err(AppError::internal)?;
    // webauthn-rs asks for a non-discoverable credential; passwordless
    // sign-in needs a discoverable one (WebAuthn 5.4.6). "preferred" still
    // lets security keys without storage serve as a second factor.
    if let Some(sel) = options.public_key.authenticator_selection.as_mut() {
        sel.resident_key = Some(webauthn_rs_proto::ResidentKeyRequirement::Preferred);
        sel.require_resident_key = false;
    }
    ws.data.passkey_registration = Some(reg);
    ws.save().await?;
    Ok(Json(options).into_response())
}

#[derive(Deserialize)]
struct RegisterFinish {
    #[serde(default)]
    name: String,
    credential: RegisterPublicKeyCredential,
}

async fn register_finish(
    State(state): State<AppState>,
    mut ws: WebSession,
    headers: HeaderMap,
    Json(body): Json<RegisterFinish>,
) -> JsonResult {
    check_csrf(&ws, &headers)?;
    let (login, first, forced) = match enroll::access(&state, &ws).await? {
        Access::Denied(_) => return Err(refused(CONFIRM_FIRST)),
        Access::Allowed {
            login,
            first,
            forced,
        } => (login, first, forced),
    };
    // One use: a replayed challenge finds no state.
    let Some(reg) = ws.data.passkey_registration.take() else {
        return Err(JsonFailure(
            StatusCode::BAD_REQUEST,
            t("passkey-start-again"),
        ));
    };
    ws.save().await?;
    let passkey = state
        .webauthn
        .finish_passkey_registration(&body.credential, &reg)
        .map_err(|_| JsonFailure(StatusCode::BAD_REQUEST, t("passkey-not-registered")))?;
    let name: String = body.name.trim().chars().take(64).collect();
    let name = if name.is_empty() {
        t("js-passkey-name")
    } else {
        name
    };
    let json = serde_json::to_string(&passkey).map_err(AppError::internal)?;
    let inserted = db::factors::insert_passkey(
        &state.db,
        &db::factors::NewPasskey {
            user_id: login.user_id(),
            credential_id: &b64url(passkey.cred_id()),
            name: &name,
            passkey: &json,
            sign_count: 0,
            backup_eligible: false,
            backup_state: false,
        },
    )
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if db::is_unique_violation(&e) => {
            return Err(JsonFailure(StatusCode::CONFLICT, t("passkey-already")));
        }
        Err(e) => return Err(e.into()),
    }
    crate::audit::user_event(
        &state.db,
        "factor_enrolled",
        login.user_id(),
        "method=passkey",
    )
    .await;
    let added = crate::email::notices::Notice::FactorAdded { passkey: true };
    crate::email::notices::send(&state, login.user_id(), added).await;
    let amr = [Amr::Hwk, Amr::User];
    enroll::after_enrollment(&state, &mut ws, &login, (first, forced), &amr).await?;
    Ok(next(if first {
        "/enroll/recovery"
    } else {
        "/account"
    }))
}

#[derive(Deserialize)]
struct LoginStart {
    /// `second_factor` (after the password) or `passwordless`.
    mode: String,
}

async fn login_start(
    State(state): State<AppState>,
    mut ws: WebSession,
    headers: HeaderMap,
    Json(body): Json<LoginStart>,
) -> JsonResult {
    check_csrf(&ws, &headers)?;
    let options = match body.mode.as_str() {
        "second_factor" => {
            let login = ws
                .login(&state)
                .await?
                .ok_or_else(|| refused("passkey-sign-in-first"))?;
            let (options, auth) = start_for_user(&state, login.user_id()).await?;
            ws.data.passkey_authentication = Some(auth);
            ws.data.discoverable_authentication = None;
            options
        }
        "reset" => {
            let user_id = super::reset::passkey_user(&state, &ws).await?;
            let (options, auth) = start_for_user(&state, user_id).await?;
            ws.data.reset_passkey = Some(auth);
            options
        }
        "passwordless" => {
            let (options, auth) = state
                .webauthn
                .start_discoverable_authentication()
                .map_err(AppError::internal)?;
            ws.data.discoverable_authentication = Some(auth);
            ws.data.passkey_authentication = None;
            serde_json::to_value(options).map_err(AppError::internal)?
        }
        _ => {
            return Err(JsonFailure(
                StatusCode::BAD_REQUEST,
                t("passkey-bad-request"),
            ));
        }
    };
    ws.save().await?;
    Ok(Json(options).into_response())
}

#[derive(Deserialize)]
struct FinishQuery {
    /// Passwordless only: "remember this device" was ticked (`yes`).
    remember: Option<String>,
}

async fn login_finish(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: super::client_ip::ClientIp,
    headers: HeaderMap,
    Query(q): Query<FinishQuery>,
    Json(credential): Json<PublicKeyCredential>,
) -> JsonResult {
    check_csrf(&ws, &headers)?;
    if let Some(auth) = ws.data.reset_passkey.take() {
        ws.save().await?;
        let user_id = super::reset::passkey_user(&state, &ws).await?;
        check_user_assertion(&state, user_id, &credential, &auth).await?;
        let user = db::users::by_id(&state.db, user_id)
            .await?
            .ok_or_else(|| refused(PASSKEY_FAILED))?;
        super::reset::factor_proved(&state, &mut ws, &user, "passkey").await?;
        return Ok(next("/reset/password"));
    }
    if let Some(auth) = ws.data.passkey_authentication.take() {
        ws.save().await?;
        let login = ws
            .login(&state)
            .await?
            .ok_or_else(|| refused("passkey-sign-in-first"))?;
        check_user_assertion(&state, login.user_id(), &credential, &auth).await?;
        let event = crate::audit::Event {
            kind: "login_succeeded",
            user: Some(&login.username),
            detail: "method=passkey",
            ..Default::default()
        };
        ws.upgrade_login(&state, &login, &[Amr::Hwk, Amr::User], Some(event))
            .await?;
        return Ok(next("/authorize/resume"));
    }
    let Some(auth) = ws.data.discoverable_authentication.take() else {
        return Err(JsonFailure(
            StatusCode::BAD_REQUEST,
            t("passkey-start-again"),
        ));
    };
    ws.save().await?;
    let (handle, cred_id) = state
        .webauthn
        .identify_discoverable_authentication(&credential)
        .map_err(|_| refused(PASSKEY_FAILED))?;
    let row = db::factors::passkey_by_credential(&state.db, &b64url(cred_id))
        .await?
        .ok_or_else(|| refused(PASSKEY_FAILED))?;
    let user = db::users::by_id(&state.db, row.user_id)
        .await?
        .filter(|u| !u.disabled && user_handle(&u.subject) == handle)
        .ok_or_else(|| refused(PASSKEY_FAILED))?;
    let passkey: Passkey = serde_json::from_str(&row.passkey).map_err(AppError::internal)?;
    let attempt = reserve_passkey(&state, user.id).await?;
    let Ok(result) =
        state
            .webauthn
            .finish_discoverable_authentication_v2(&credential, auth, &passkey)
    else {
        attempt.failed(&state.db).await;
        return Err(passkey_failed(&attempt));
    };
    record_use(&state, &row, &result).await?;
    attempt.succeeded(&state.db).await?;
    // A discoverable passkey with user verification counts as both factors.
    let agent = headers
        .get("user-agent")
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(200).collect());
    let event = crate::audit::Event {
        kind: "login_succeeded",
        user: Some(&user.username),
        detail: "method=passkey_passwordless",
        ..Default::default()
    };
    let amr = [Amr::Hwk, Amr::User, Amr::Mfa];
    let start = super::session::LoginStart {
        user_id: user.id,
        amr: &amr,
        remember: q.remember.as_deref() == Some("yes"),
    };
    let device = super::account::device_label(agent.as_deref());
    ws.begin_login(&state, start, agent, Some(event)).await?;
    let ip = ip.0.map(|i| i.to_string());
    super::login::notice_new_device(&state, &ws, &user, device, ip).await;
    let mut resp = next("/authorize/resume");
    super::language::follow_user(&state.config, user.locale.as_deref(), &mut resp);
    Ok(resp)
}

/// A ceremony for `user_id`'s own passkeys (a second factor), and the
/// options for the browser.
async fn start_for_user(
    state: &AppState,
    user_id: i64,
) -> Result<(serde_json::Value, PasskeyAuthentication), JsonFailure> {
    let keys: Vec<Passkey> = db::factors::passkeys(&state.db, user_id)
        .await?
        .iter()
        .filter_map(|p| serde_json::from_str(&p.passkey).ok())
        .collect();
    if keys.is_empty() {
        return Err(JsonFailure(StatusCode::BAD_REQUEST, t("passkey-none")));
    }
    let (options, auth) = state
        .webauthn
        .start_passkey_authentication(&keys)
        .map_err(AppError::internal)?;
    Ok((
        serde_json::to_value(options).map_err(AppError::internal)?,
        auth,
    ))
}

/// Checks an assertion against `user_id`'s passkeys, counted on the
/// user's second-factor key before it is checked, as at /login/mfa.
async fn check_user_assertion(
    state: &AppState,
    user_id: i64,
    credential: &PublicKeyCredential,
    auth: &PasskeyAuthentication,
) -> Result<(), JsonFailure> {
    let attempt = reserve_passkey(state, user_id).await?;
    let result = state
        .webauthn
        .finish_passkey_authentication(credential, auth);
    let row = match &result {
        Ok(r) => db::factors::passkey_by_credential(&state.db, &b64url(r.cred_id()))
            .await?
            .filter(|r| r.user_id == user_id),
        Err(_) => None,
    };
    let (Ok(result), Some(row)) = (result, row) else {
        attempt.failed(&state.db).await;
        return Err(passkey_failed(&attempt));
    };
    record_use(state, &row, &result).await?;
    attempt.succeeded(&state.db).await?;
    Ok(())
}

/// Counts a passkey attempt on the user's second-factor key before the
/// assertion is checked; refused (429) while the key is locked, with the
/// lockout message of every other factor.
async fn reserve_passkey(state: &AppState, user_id: i64) -> Result<throttle::Attempt, JsonFailure> {
    let key = throttle::Key::lock(super::mfa::account_key(user_id), super::mfa::ACCOUNT_POLICY);
    throttle::try_reserve(&state.db, vec![key])
        .await?
        .map_err(|locked| {
            let msg = super::login::throttled(locked.seconds);
            JsonFailure(StatusCode::TOO_MANY_REQUESTS, msg)
        })
}

/// A checked passkey that failed; if that set a lock, the wait is said.
fn passkey_failed(attempt: &throttle::Attempt) -> JsonFailure {
    match attempt.locked_for() {
        Some(secs) => refused_owned(format!(
            "{} {}",
            t(PASSKEY_FAILED),
            super::login::throttled(secs)
        )),
        None => refused(PASSKEY_FAILED),
    }
}

fn refused_owned(msg: String) -> JsonFailure {
    JsonFailure(StatusCode::UNAUTHORIZED, msg)
}

/// Stores the new counter and backup flags (WebAuthn 6.1.1 signCount).
async fn record_use(
    state: &AppState,
    row: &db::factors::PasskeyRow,
    result: &webauthn_rs::prelude::AuthenticationResult,
) -> Result<(), JsonFailure> {
    let mut passkey: Passkey = serde_json::from_str(&row.passkey).map_err(AppError::internal)?;
    passkey.update_credential(result);
    let json = serde_json::to_string(&passkey).map_err(AppError::internal)?;
    db::factors::passkey_used(
        &state.db,
        row.id,
        &json,
        i64::from(result.counter()),
        result.backup_eligible(),
        result.backup_state(),
    )
    .await?;
    Ok(())
}
