//! `/login`: the password step. Unknown users, disabled users and wrong
//! passwords get the same message after the same work.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use super::AppResult;
use super::client_ip::ClientIp;
use super::error::AppError;
use super::session::{LoginStart, WebSession};
use crate::app::AppState;
use crate::audit;
use crate::auth::password::PasswordError;
use crate::auth::throttle::{self, AddressPolicy, Attempt, Key, Policy};
use crate::db;
use crate::i18n::{Text as _, t, t1};
use crate::oidc::authorize::Amr;

pub fn router() -> Router<AppState> {
    Router::new().route("/login", get(login_get).post(login_post))
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub csrf: String,
    pub app_name: Option<String>,
    pub username: String,
    pub error: Option<String>,
    pub passkey_only: bool,
    /// The pending request this page was shown for: the form carries it, so
    /// each tab's sign-in continues its own app (issue 14, item 2).
    pub req: Option<String>,
    /// How to reach the administrator, for the "forgot" way out.
    pub admin_contact: Option<String>,
    /// After a wrong password the cursor goes back to the password field.
    pub focus_password: bool,
    /// How long "remember this device" keeps the login (0: not offered).
    pub remember_days: i64,
    /// Email is configured: "Forgot your password?" leads to a reset.
    pub can_reset: bool,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    req: Option<String>,
    /// "Remember this device": `yes` when ticked.
    #[serde(default)]
    remember: Option<String>,
}

/// The one lockout message of every factor (password, code, passkey): the
/// real time left, rounded up. It names no account, so it reads the same
/// for a user that does not exist.
pub fn throttled(seconds: i64) -> String {
    t1("lockout", "wait", about(seconds))
}

/// `seconds` rounded up to a figure a person can wait for: tens of
/// seconds below a minute, then minutes, then hours.
fn about(seconds: i64) -> String {
    let s = seconds.max(1);
    let (n, unit) = if s < 60 {
        ((s + 9) / 10 * 10, "second")
    } else if s <= 3600 {
        ((s + 59) / 60, "minute")
    } else {
        ((s + 3599) / 3600, "hour")
    };
    let (n, unit) = match (n, unit) {
        (60, "second") => (1, "minute"),
        (60, "minute") => (1, "hour"),
        other => other,
    };
    let key = match unit {
        "second" => "wait-seconds",
        "minute" => "wait-minutes",
        _ => "wait-hours",
    };
    t1(key, "count", n)
}
/// Per account: five free failures, then 30 s doubling (to an hour).
/// `/account/password` counts on the same key.
pub const ACCOUNT_POLICY: Policy = Policy {
    free: 5,
    base_seconds: 30,
};
/// Per client address: 20 failures in 15 minutes, after which accounts
/// tried from there lock at their first failure. It never refuses by
/// itself: a shared proxy address must not keep out everyone behind it.
pub const ADDRESS_POLICY: AddressPolicy = AddressPolicy {
    free: 20,
    window_seconds: 15 * 60,
};

/// The password throttle key of `username` (already lowercased).
pub fn account_key(username: &str) -> String {
    format!("pwd:user:{username}")
}

/// Checks a password for a reserved attempt; a full hashing queue refunds
/// the attempt (nothing was checked) and answers 503.
pub async fn check_password(
    state: &AppState,
    attempt: &Attempt,
    password: &str,
    phc: Option<&str>,
) -> Result<bool, AppError> {
    if password.is_empty() || password.len() > 4096 {
        return Ok(false);
    }
    match state.passwords.verify(password, phc).await {
        Err(PasswordError::Busy) => {
            attempt.refund(&state.db).await?;
            Err(AppError::Busy)
        }
        other => Ok(other?),
    }
}

async fn page(
    ws: &mut WebSession,
    username: String,
    error: Option<String>,
) -> Result<LoginPage, super::error::AppError> {
    let current = ws.data.login_request();
    let app_name = current
        .map(|p| p.client_name.clone())
        .filter(|n| !n.is_empty());
    let passkey_only = current.is_some_and(|p| p.wants_phishing_resistant);
    let req = ws.data.login_for.clone().filter(|_| current.is_some());
    Ok(LoginPage {
        csrf: ws.csrf_token().await?,
        app_name,
        focus_password: error.is_some() && !username.trim().is_empty(),
        username,
        error,
        passkey_only,
        req,
        admin_contact: ws.admin_contact(),
        remember_days: ws.remember_days(),
        can_reset: ws.can_reset(),
    })
}

#[derive(Deserialize)]
struct LoginQuery {
    /// Where forward auth wants the user back after login.
    rd: Option<String>,
    /// The pending authorization request this sign-in is for.
    req: Option<String>,
}

async fn login_get(
    State(state): State<AppState>,
    mut ws: WebSession,
    Query(q): Query<LoginQuery>,
) -> AppResult {
    if let Some(rd) = q.rd.filter(|r| !r.is_empty()) {
        // Only hosts the forward-auth rules cover: no open redirects.
        let url = crate::forward_auth::allowed_return_url(&state.config.forward_auth.rules, &rd)
            .ok_or_else(|| AppError::BadRequest(t("login-return-not-allowed")))?;
        ws.data.pending.clear();
        ws.data.login_for = None;
        ws.data.return_to = Some(url.to_string());
        // An anonymous visit stays without a server-side row (F7).
        ws.keep().await?;
        if ws.login(&state).await?.is_some() {
            return Ok(Redirect::to("/authorize/resume").into_response());
        }
    }
    // Opened for a named request (after "sign in as someone else"); else
    // for the one /authorize sent here, if any (issue 14, item 2).
    if let Some(req) = q
        .req
        .as_deref()
        .and_then(|id| ws.data.pending.id_of(id))
        .map(str::to_string)
        .filter(|id| ws.data.login_for.as_deref() != Some(id))
    {
        ws.data.login_for = Some(req);
        ws.keep().await?;
    }
    let hint = ws
        .data
        .login_request()
        .and_then(|p| p.login_hint.clone())
        .unwrap_or_default();
    Ok(page(&mut ws, hint, None).await?.into_response())
}

async fn login_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    // The form's own request (its tab's), when it is still pending.
    if let Some(req) = form
        .req
        .as_deref()
        .and_then(|id| ws.data.pending.id_of(id))
        .map(str::to_string)
    {
        ws.data.login_for = Some(req);
    }
    let ip_str = ip.0.map(|i| i.to_string());
    if ws
        .data
        .login_request()
        .is_some_and(|p| p.wants_phishing_resistant)
    {
        let p = page(&mut ws, form.username, Some(t("login-requires-passkey"))).await?;
        return Ok((StatusCode::FORBIDDEN, p).into_response());
    }
    let username = form.username.trim().to_lowercase();
    let keys = vec![
        Key::address(format!("pwd:ip:{}", ip.key()), ADDRESS_POLICY),
        Key::account(account_key(&username), ACCOUNT_POLICY),
    ];
    // Counted before it is checked, so a burst is checked at most six times.
    // Locked: the same message whether or not the user exists, and no
    // password hashing.
    let attempt = match throttle::try_reserve(&state.db, keys).await? {
        Ok(attempt) => attempt,
        Err(locked) => {
            let p = page(&mut ws, form.username, Some(throttled(locked.seconds))).await?;
            return Ok((StatusCode::TOO_MANY_REQUESTS, p).into_response());
        }
    };
    let user = if username.len() > 256 {
        None
    } else {
        db::users::by_username(&state.db, &username).await?
    };
    let phc = user
        .as_ref()
        .filter(|u| !u.disabled)
        .and_then(|u| u.password_hash.as_deref());
    let ok = check_password(&state, &attempt, &form.password, phc).await?;
    let Some(user) = user.filter(|_| ok) else {
        attempt.failed(&state.db).await;
        let event = audit::Event {
            kind: "login_failed",
            user: Some(&username),
            ip: ip_str.as_deref(),
            detail: "method=pwd",
            ..Default::default()
        };
        audit::record(&state.db, event).await;
        // A failure that set a lock says so at once (checked, so still 401).
        let error = match attempt.locked_for() {
            Some(secs) => format!("{} {}", t("login-bad-credentials"), throttled(secs)),
            None => t("login-bad-credentials"),
        };
        let p = page(&mut ws, form.username, Some(error)).await?;
        return Ok((StatusCode::UNAUTHORIZED, p).into_response());
    };
    attempt.succeeded(&state.db).await?;
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(200).collect());
    let event = audit::Event {
        kind: "login_password_ok",
        user: Some(&user.username),
        ip: ip_str.as_deref(),
        detail: "method=pwd",
        ..Default::default()
    };
    let start = LoginStart {
        user_id: user.id,
        amr: &[Amr::Pwd],
        remember: form.remember.as_deref() == Some("yes"),
    };
    let device = super::account::device_label(agent.as_deref());
    ws.begin_login(&state, start, agent, Some(event)).await?;
    notice_new_device(&state, &ws, &user, device, ip_str).await;
    let mut resp = Redirect::to("/authorize/resume").into_response();
    // The second step is already in the account's language.
    super::language::follow_user(&state.config, user.locale.as_deref(), &mut resp);
    Ok(resp)
}

/// The right password (or a passkey) from a browser that never signed in
/// as this user: they hear of it by mail, which also tells them when
/// someone else knows their password.
pub async fn notice_new_device(
    state: &AppState,
    ws: &WebSession,
    user: &crate::db::users::User,
    device: String,
    ip: Option<String>,
) {
    if ws.seen_device(&user.subject) {
        return;
    }
    let ip = ip.unwrap_or_else(|| "-".into());
    let notice = crate::email::notices::Notice::NewDevice { device, ip };
    crate::email::notices::send(state, user.id, notice).await;
}

#[cfg(test)]
mod tests {
    use super::{about, throttled};

    #[test]
    fn lockout_wording_rounds_up_the_real_time() {
        let cases = [
            (-5, "about 10 seconds"),
            (0, "about 10 seconds"),
            (1, "about 10 seconds"),
            (10, "about 10 seconds"),
            (11, "about 20 seconds"),
            (30, "about 30 seconds"),
            (51, "about 1 minute"),
            (60, "about 1 minute"),
            (61, "about 2 minutes"),
            (90, "about 2 minutes"),
            (120, "about 2 minutes"),
            (121, "about 3 minutes"),
            (1799, "about 30 minutes"),
            (3541, "about 1 hour"),
            (3600, "about 1 hour"),
            (3601, "about 2 hours"),
        ];
        for (secs, want) in cases {
            assert_eq!(about(secs), want, "{secs} s");
        }
    }

    #[test]
    fn lockout_message_is_one_sentence_with_the_wait() {
        assert_eq!(
            throttled(30),
            "Too many attempts. Wait about 30 seconds, then try again."
        );
        assert_eq!(
            throttled(3600),
            "Too many attempts. Wait about 1 hour, then try again."
        );
    }
}
