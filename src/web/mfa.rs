//! `/login/mfa`: the second factor after the password: a TOTP code, a
//! recovery code, or a passkey (through `web::webauthn`). Failures are
//! limited per login and per account.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use super::session::{Login, WebSession};
use super::{AppResult, MessagePage};
use crate::app::AppState;
use crate::auth::throttle::{self, Key, Policy};
use crate::auth::{recovery, totp};
use crate::db;
use crate::i18n::{Text as _, t, t1};
use crate::oidc::authorize::Amr;

pub fn router() -> Router<AppState> {
    Router::new().route("/login/mfa", get(mfa_get).post(mfa_post))
}

/// Codes checked in one login before it waits (30 s, doubling): the
/// login stays on this step, with the wait said.
pub const PER_LOGIN_LIMIT: u32 = 5;
/// The first wait of one login after its `PER_LOGIN_LIMIT` codes.
const PER_LOGIN_WAIT_SECONDS: i64 = 30;
/// Per account: five free failures, then 30 s doubling.
pub const ACCOUNT_POLICY: Policy = Policy {
    free: 5,
    base_seconds: 30,
};

pub fn account_key(user_id: i64) -> String {
    format!("mfa:user:{user_id}")
}

/// Where the per-login keys of `user_id` start (`latchkey user unlock`
/// clears them all).
pub fn login_key_prefix(user_id: i64) -> String {
    format!("mfa:login:{user_id}:")
}

/// The per-login key: on the login record, not the page session, so a
/// fresh page cookie does not start the count again.
fn login_key(login: &Login) -> String {
    let digest = crate::crypto::digest(&login.record.id);
    format!("{}{digest}", login_key_prefix(login.user_id()))
}

/// The message for a code that is not six digits (spaces ignored), or
/// `None` for an empty field or a six-digit code.
pub fn wrong_length(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() || (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Some(t("code-not-digits"));
    }
    let n = digits.chars().count();
    Some(t1("code-wrong-length", "count", n))
}

#[cfg(test)]
#[test]
fn wrong_length_codes() {
    assert_eq!(wrong_length("123456"), None);
    assert_eq!(wrong_length("123 456"), None);
    assert_eq!(wrong_length(""), None);
    assert!(wrong_length("12345").unwrap().contains("has 5 digits"));
    assert!(wrong_length("1").unwrap().contains("has 1 digit;"));
    assert!(wrong_length("1234567").unwrap().contains("has 7 digits"));
    assert!(wrong_length("12a456").unwrap().contains("only digits"));
}

#[derive(Template, WebTemplate)]
#[template(path = "mfa.html")]
struct MfaPage {
    csrf: String,
    username: String,
    has_totp: bool,
    has_passkey: bool,
    error: Option<String>,
    admin_contact: Option<String>,
    /// The app sign-in under way, which "sign in as someone else" keeps.
    req: Option<String>,
}

#[derive(Deserialize)]
struct MfaForm {
    #[serde(default)]
    csrf_token: String,
    code: Option<String>,
    recovery_code: Option<String>,
}

async fn page(ws: &mut WebSession, login: &Login, error: Option<&str>) -> AppResult {
    page_with(ws, login, error, StatusCode::UNAUTHORIZED).await
}

async fn page_with(
    ws: &mut WebSession,
    login: &Login,
    error: Option<&str>,
    error_status: StatusCode,
) -> AppResult {
    let page = MfaPage {
        csrf: ws.csrf_token().await?,
        username: login.username.clone(),
        has_totp: login.has_totp,
        has_passkey: login.has_passkey,
        error: error.map(str::to_string),
        admin_contact: ws.admin_contact(),
        req: ws.data.login_request().and(ws.data.login_for.clone()),
    };
    let status = if error.is_some() {
        error_status
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

async fn mfa_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    let Some(login) = ws.login(&state).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    if !login.has_factor() {
        return Ok(Redirect::to("/enroll").into_response());
    }
    page(&mut ws, &login, None).await
}

async fn mfa_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: super::client_ip::ClientIp,
    Form(form): Form<MfaForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    let Some(login) = ws.login(&state).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let user_id = login.user_id();
    // A code of the wrong length is a typo, not a guess: said plainly,
    // and not counted.
    if let Some(msg) = form.code.as_deref().and_then(wrong_length) {
        return page_with(&mut ws, &login, Some(&msg), StatusCode::BAD_REQUEST).await;
    }
    let keys = vec![
        Key::cap(
            login_key(&login),
            i64::from(PER_LOGIN_LIMIT),
            PER_LOGIN_WAIT_SECONDS,
        ),
        Key::address(format!("mfa:ip:{}", ip.key()), super::login::ADDRESS_POLICY),
        Key::account(account_key(user_id), ACCOUNT_POLICY),
    ];
    // Counted before it is checked: a burst of codes is checked at most
    // PER_LOGIN_LIMIT times.
    // Locked (this login's codes, or the account's): refused unchecked,
    // still on this step, with the real wait.
    let attempt = match throttle::try_reserve(&state.db, keys).await? {
        Ok(attempt) => attempt,
        Err(locked) => {
            let msg = super::login::throttled(locked.seconds);
            return page_with(&mut ws, &login, Some(&msg), StatusCode::TOO_MANY_REQUESTS).await;
        }
    };
    let mut remaining = None;
    let ok = match (&form.code, &form.recovery_code) {
        (Some(code), _) if !code.trim().is_empty() => {
            totp::verify(&state, user_id, code, totp::now())
                .await
                .map_err(super::error::AppError::Internal)?
        }
        (_, Some(rc)) if !rc.trim().is_empty() && rc.len() < 64 => {
            let used =
                db::factors::use_recovery_code(&state.db, user_id, &recovery::digest(rc)).await?;
            if used {
                remaining = Some(db::factors::recovery_codes_left(&state.db, user_id).await?);
            }
            used
        }
        _ => false,
    };
    if !ok {
        attempt.failed(&state.db).await;
        crate::audit::named_event(
            &state.db,
            "login_failed",
            Some(&login.username),
            "method=second_factor",
        )
        .await;
        if let Some(secs) = attempt.locked_for() {
            // The login's last free code (or the account's): it waits.
            let msg = // A wrong code that also set a lock: the lock message follows.
            format!("{} {}", t("code-invalid"), super::login::throttled(secs));
            return page(&mut ws, &login, Some(&msg)).await;
        }
        return page(&mut ws, &login, Some(&t("code-invalid-retry"))).await;
    }
    attempt.succeeded(&state.db).await?;
    let event = crate::audit::Event {
        kind: "login_succeeded",
        user: Some(&login.username),
        detail: if remaining.is_some() {
            "method=recovery_code"
        } else {
            "method=totp"
        },
        ..Default::default()
    };
    ws.upgrade_login(&state, &login, &[Amr::Otp], Some(event))
        .await?;
    if let Some(left) = remaining {
        return Ok(MessagePage {
            title: t("recovery-used-title"),
            message: t1("recovery-used-message", "count", left),
            link: Some(("/authorize/resume".into(), t("continue"))),
        }
        .into_response());
    }
    Ok(Redirect::to("/authorize/resume").into_response())
}
