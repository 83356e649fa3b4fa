//! `/account`: the self-service page: password, TOTP, passkeys, recovery
//! codes, active sessions and authorized applications.

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
use crate::config::MfaPolicy;
use crate::email::notices::Notice;
use crate::i18n::{Text as _, t, t1, t2};
use crate::{crypto, db, users};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_get))
        .route("/account/password", post(password_post))
        .route("/account/email", post(email_post))
        .route("/account/notifications", post(notifications_post))
        .route("/account/totp/remove", post(totp_remove))
        .route("/account/passkeys/rename", post(passkey_rename))
        .route("/account/passkeys/remove", post(passkey_remove))
        .route("/account/recovery", post(recovery_post))
        .route("/account/sessions/revoke", post(session_revoke))
        .route("/account/apps/revoke", post(app_revoke))
}

pub struct PasskeyView {
    id: i64,
    name: String,
    synced: bool,
    created: String,
    created_iso: String,
    last_used: String,
    last_used_iso: Option<String>,
}

pub struct SessionView {
    handle: String,
    device: String,
    current: bool,
    created: String,
    created_iso: String,
    last_seen: String,
    last_seen_iso: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
struct AccountPage {
    csrf: String,
    username: String,
    email: Option<String>,
    email_verified: bool,
    /// An address waiting for its confirmation link.
    email_pending: Option<String>,
    /// Email is configured: addresses can be confirmed by link.
    can_email: bool,
    notify_new_device: bool,
    notice: Option<String>,
    error: Option<String>,
    recent: bool,
    reauth: &'static str,
    min_length: usize,
    has_totp: bool,
    passkeys: Vec<PasskeyView>,
    recovery_left: i64,
    sessions: Vec<SessionView>,
    apps: Vec<AppView>,
    /// Only one way to prove it's you besides the password: losing that
    /// device locks the user out.
    one_factor: bool,
}

/// An application with access, in the reader's words (as consent says it).
struct AppView {
    client_id: String,
    name: String,
    access: Vec<String>,
}

impl From<db::grants::AuthorizedApp> for AppView {
    fn from(a: db::grants::AuthorizedApp) -> Self {
        let mut access = vec![t("scope-openid")];
        access.extend(a.scope.split(' ').filter_map(super::consent::describe));
        AppView {
            client_id: a.client_id,
            name: a.name,
            access,
        }
    }
}

/// An instant as `<time datetime>` wants it (pages.js shows it in the
/// reader's time zone; without JavaScript the UTC text stands).
fn iso(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn when(t: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| d.format(&format).ok())
        .unwrap_or_default()
}

/// "Firefox 128 on Linux" from a user-agent string, for the session list.
pub fn device_label(ua: Option<&str>) -> String {
    let Some(ua) = ua else {
        return t("device-unknown");
    };
    let version = |marker: &str| {
        ua.split(marker)
            .nth(1)
            .and_then(|v| v.split(['.', ' ', ';', ')']).next())
            .map(|v| format!(" {v}"))
            .unwrap_or_default()
    };
    let browser = if ua.contains("Edg/") {
        format!("Edge{}", version("Edg/"))
    } else if ua.contains("Firefox/") {
        format!("Firefox{}", version("Firefox/"))
    } else if ua.contains("Chrome/") {
        format!("Chrome{}", version("Chrome/"))
    } else if ua.contains("Safari/") {
        format!("Safari{}", version("Version/"))
    } else {
        ua.split('/')
            .next()
            .unwrap_or("Browser")
            .chars()
            .take(40)
            .collect()
    };
    let os = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, name)| name);
    match os {
        Some(os) => t2("device-on", "browser", browser, "os", os),
        None => browser,
    }
}

/// The account needs a full login: both factors whenever the user has
/// one or the policy requires one.
async fn full_login(
    state: &AppState,
    ws: &WebSession,
) -> Result<Result<Login, Response>, AppError> {
    let Some(login) = ws.login(state).await? else {
        return Ok(Err(Redirect::to("/login").into_response()));
    };
    let has = crate::auth::has_factor(&state.db, login.user_id()).await?;
    if !login.is_complete() {
        if has {
            return Ok(Err(Redirect::to("/login/mfa").into_response()));
        }
        if state.config.mfa == MfaPolicy::Required {
            return Ok(Err(Redirect::to("/enroll").into_response()));
        }
    }
    Ok(Ok(login))
}

macro_rules! require_login {
    ($state:expr, $ws:expr) => {
        match full_login(&$state, &$ws).await? {
            Ok(l) => l,
            Err(r) => return Ok(r),
        }
    };
}

/// Where a stale login confirms who is here before a credential change:
/// the second factor when there is one, else the password.
pub fn reauth_path(login: &Login) -> &'static str {
    if login.has_factor() {
        "/login/mfa"
    } else {
        "/login"
    }
}

/// Changing a sign-in method needs a recent check of the strongest one
/// (a stolen or unattended session must not replace the user's factors).
macro_rules! require_recent {
    ($login:expr) => {
        if !$login.verified_recently(db::now()) {
            return Ok(Redirect::to(reauth_path(&$login)).into_response());
        }
    };
}

/// The account page with a confirmation above it.
async fn notice(state: &AppState, ws: &mut WebSession, login: &Login, msg: &str) -> AppResult {
    render(state, ws, login, Some(msg), None).await
}

/// The account page with an error above it (the action was not done).
async fn refuse(state: &AppState, ws: &mut WebSession, login: &Login, msg: &str) -> AppResult {
    render(state, ws, login, None, Some(msg)).await
}

async fn render(
    state: &AppState,
    ws: &mut WebSession,
    login: &Login,
    notice: Option<&str>,
    error: Option<&str>,
) -> AppResult {
    let user_id = login.user_id();
    let user = db::users::by_id(&state.db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let passkeys: Vec<PasskeyView> = db::factors::passkeys(&state.db, user_id)
        .await?
        .into_iter()
        .map(|p| PasskeyView {
            id: p.id,
            name: p.name,
            synced: p.backup_state,
            created: when(p.created_at),
            created_iso: iso(p.created_at),
            last_used: p.last_used_at.map(when).unwrap_or_default(),
            last_used_iso: p.last_used_at.map(iso),
        })
        .collect();
    let sessions = db::sessions::for_user(&state.db, user_id)
        .await?
        .into_iter()
        .map(|s| SessionView {
            handle: s.id.clone(),
            device: device_label(s.user_agent.as_deref()),
            current: s.id == login.record.id,
            created: when(s.created_at),
            created_iso: iso(s.created_at),
            last_seen: when(s.last_seen_at),
            last_seen_iso: iso(s.last_seen_at),
        })
        .collect();
    let has_factor = crate::auth::has_factor(&state.db, user_id).await?;
    let has_totp = db::factors::totp(&state.db, user_id).await?.is_some();
    let one_factor = usize::from(has_totp) + passkeys.len() == 1;
    let page = AccountPage {
        csrf: ws.csrf_token().await?,
        email_verified: user.email_verified,
        email_pending: db::email_links::pending(
            &state.db,
            db::email_links::Purpose::Confirm,
            user_id,
            db::now(),
        )
        .await?
        .map(|l| l.email),
        can_email: state.mailer.is_some(),
        notify_new_device: user.notify_new_device,
        username: user.username,
        email: Some(user.email),
        notice: notice.map(str::to_string),
        error: error.map(str::to_string),
        recent: !has_factor || login.verified_recently(db::now()),
        reauth: reauth_path(login),
        min_length: state.config.password.min_length,
        has_totp,
        one_factor,
        passkeys,
        recovery_left: db::factors::recovery_codes_left(&state.db, user_id).await?,
        sessions,
        apps: db::grants::authorized_apps(&state.db, user_id)
            .await?
            .into_iter()
            .map(AppView::from)
            .collect(),
    };
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

async fn account_get(State(state): State<AppState>, mut ws: WebSession) -> AppResult {
    // A visit here is not an app sign-in: one left unfinished stays
    // pending (its tab can still finish it) but no longer leads the login.
    if ws.data.login_for.take().is_some() {
        ws.keep().await?;
    }
    let login = require_login!(state, ws);
    render(&state, &mut ws, &login, None, None).await
}

#[cfg(test)]
#[test]
fn device_labels() {
    let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    assert_eq!(device_label(Some(chrome)), "Chrome 156 on Linux");
    assert_eq!(
        device_label(Some(
            "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0"
        )),
        "Firefox 128 on Windows"
    );
    assert_eq!(device_label(None), "Unknown device");
    assert_eq!(device_label(Some("curl/8.0")), "curl");
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    current_password: String,
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
    let login = require_login!(state, ws);
    let user = db::users::by_id(&state.db, login.user_id())
        .await?
        .ok_or(AppError::NotFound)?;
    // The form asks for the current password, so a password-only user
    // proves it there; with a factor, that factor must be recent too.
    if login.has_factor() {
        require_recent!(login);
    }
    // Guesses here count on the same account key as /login (F12).
    let name = user.username.to_lowercase();
    let policy = super::login::ACCOUNT_POLICY;
    let key = crate::auth::throttle::Key::lock(super::login::account_key(&name), policy);
    let attempt = match crate::auth::throttle::try_reserve(&state.db, vec![key]).await? {
        Ok(attempt) => attempt,
        Err(locked) => {
            let msg = super::login::throttled(locked.seconds);
            let r = refuse(&state, &mut ws, &login, &msg).await?;
            return Ok((StatusCode::TOO_MANY_REQUESTS, r).into_response());
        }
    };
    let hash = user.password_hash.as_deref();
    if !super::login::check_password(&state, &attempt, &f.current_password, hash).await? {
        attempt.failed(&state.db).await;
        return refuse(
            &state,
            &mut ws,
            &login,
            &t("account-wrong-current-password"),
        )
        .await;
    }
    attempt.succeeded(&state.db).await?;
    if f.new_password != f.confirm_password {
        return refuse(&state, &mut ws, &login, &t("account-passwords-differ")).await;
    }
    if let Err(e) = users::set_password(&state.db, &state.passwords, &user, &f.new_password).await {
        return match e {
            users::UserError::Invalid(msg) => refuse(&state, &mut ws, &login, &msg).await,
            users::UserError::Password(e) => Err(e.into()),
            other => Err(AppError::internal(other)),
        };
    }
    // Other sessions end; this one continues under new tokens, proving no
    // more than before: a password change is not a second factor.
    end_other_logins(&state, &login).await?;
    ws.rotate_login(&state, &login).await?;
    crate::audit::user_event(&state.db, "password_changed", user.id, "by the user").await;
    crate::email::notices::send(&state, user.id, Notice::PasswordChanged).await;
    notice(&state, &mut ws, &login, &t("account-password-changed")).await
}

#[derive(Deserialize)]
struct EmailForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
}

/// Confirmation mails a user may ask for before waiting: 6, then 60 s
/// doubling. No one's mailbox is flooded from an account.
const CONFIRMATION_MAILS: i64 = 6;

/// A new address (or the current, unproved one) gets a confirmation link;
/// it replaces the old address only once the link is used. Password resets
/// go to this address, so changing it needs a recent sign-in.
async fn email_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(f): Form<EmailForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let login = require_login!(state, ws);
    require_recent!(login);
    let user = db::users::by_id(&state.db, login.user_id())
        .await?
        .ok_or(AppError::NotFound)?;
    let address = f.email.trim();
    if users::check_email(address).is_err() {
        return refuse(&state, &mut ws, &login, &t("account-email-invalid")).await;
    }
    if address == user.email && user.email_verified {
        return notice(&state, &mut ws, &login, &t("account-email-already")).await;
    }
    if state.mailer.is_none() {
        return refuse(&state, &mut ws, &login, &t("account-email-unavailable")).await;
    }
    // Counted before the mail is made: a burst cannot slip past.
    let key =
        crate::auth::throttle::Key::cap(format!("email:user:{}", user.id), CONFIRMATION_MAILS, 60);
    if let Err(locked) = crate::auth::throttle::try_reserve(&state.db, vec![key]).await? {
        let msg = super::login::throttled(locked.seconds);
        let r = refuse(&state, &mut ws, &login, &msg).await?;
        return Ok((StatusCode::TOO_MANY_REQUESTS, r).into_response());
    }
    if !super::email_confirm::send(&state, &user, address).await? {
        return refuse(&state, &mut ws, &login, &t("account-email-unavailable")).await;
    }
    crate::audit::user_event(
        &state.db,
        "email_confirmation_sent",
        user.id,
        &format!("to {address}"),
    )
    .await;
    notice(
        &state,
        &mut ws,
        &login,
        &t1("account-email-sent", "address", address),
    )
    .await
}

#[derive(Deserialize)]
struct NotificationsForm {
    #[serde(default)]
    csrf_token: String,
    /// `yes` when the box is ticked; absent otherwise.
    new_device: Option<String>,
}

/// Mail about sign-ins from new devices, on or off (the other notices
/// always go: they are about changes to how the account signs in).
async fn notifications_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(f): Form<NotificationsForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let login = require_login!(state, ws);
    let on = f.new_device.as_deref() == Some("yes");
    db::users::set_notify_new_device(&state.db, login.user_id(), on).await?;
    let detail = if on {
        "new-device mail on"
    } else {
        "new-device mail off"
    };
    crate::audit::user_event(&state.db, "notifications_changed", login.user_id(), detail).await;
    notice(&state, &mut ws, &login, &t("account-notifications-saved")).await
}

#[derive(Deserialize)]
struct IdForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    id: i64,
    #[serde(default)]
    name: String,
    /// `yes` from the confirmation step; without it nothing is done.
    #[serde(default)]
    confirm: String,
}

/// The second step of a destructive action: a plain form (no script
/// needed) that posts the same fields again with `confirm=yes`.
#[derive(Template, WebTemplate)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    csrf: String,
    title: String,
    message: String,
    action: &'static str,
    fields: Vec<(&'static str, String)>,
    button: String,
    cancel: &'static str,
}

/// A destructive action acts only on its confirmation step's POST.
fn confirmed(confirm: &str) -> bool {
    confirm == "yes"
}

async fn confirm_page(ws: &mut WebSession, page: ConfirmPage) -> AppResult {
    let mut page = page;
    page.csrf = ws.csrf_token().await?;
    let mut resp = page.into_response();
    resp.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(resp)
}

/// Removing a factor may not leave a required-MFA user with none.
async fn may_remove(state: &AppState, user_id: i64, removing_totp: bool) -> Result<bool, AppError> {
    if state.config.mfa == MfaPolicy::Optional {
        return Ok(true);
    }
    let totp =
        usize::from(db::factors::totp(&state.db, user_id).await?.is_some() && !removing_totp);
    let passkeys = db::factors::passkeys(&state.db, user_id).await?.len();
    Ok(totp + passkeys > usize::from(!removing_totp))
}

async fn totp_remove(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(f): Form<IdForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let login = require_login!(state, ws);
    require_recent!(login);
    if !may_remove(&state, login.user_id(), true).await? {
        return refuse(&state, &mut ws, &login, &t("account-last-factor")).await;
    }
    if !confirmed(&f.confirm) {
        let page = ConfirmPage {
            csrf: String::new(),
            title: t("confirm-totp-title"),
            message: t("confirm-totp-message"),
            action: "/account/totp/remove",
            fields: vec![],
            button: t("confirm-totp-button"),
            cancel: "/account#totp",
        };
        return confirm_page(&mut ws, page).await;
    }
    db::factors::delete_totp(&state.db, login.user_id()).await?;
    crate::audit::user_event(&state.db, "factor_removed", login.user_id(), "method=totp").await;
    let removed = Notice::FactorRemoved { passkey: false };
    crate::email::notices::send(&state, login.user_id(), removed).await;
    after_factor_change(&state, &mut ws, &login).await?;
    notice(&state, &mut ws, &login, &t("account-totp-removed")).await
}

async fn passkey_rename(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(f): Form<IdForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let login = require_login!(state, ws);
    let name: String = f.name.trim().chars().take(64).collect();
    if name.is_empty() {
        return refuse(&state, &mut ws, &login, &t("account-passkey-needs-name")).await;
    }
    if !db::factors::rename_passkey(&state.db, login.user_id(), f.id, &name).await? {
        return Err(AppError::NotFound);
    }
    notice(&state, &mut ws, &login, &t("account-passkey-renamed")).await
}

async fn passkey_remove(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(f): Form<IdForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let login = require_login!(state, ws);
    require_recent!(login);
    if !may_remove(&state, login.user_id(), false).await? {
        return refuse(&state, &mut ws, &login, &t("account-last-factor")).await;
    }
    if !confirmed(&f.confirm) {
        let passkey = db::factors::passkeys(&state.db, login.user_id())
            .await?
            .into_iter()
            .find(|p| p.id == f.id)
            .ok_or(AppError::NotFound)?;
        let page = ConfirmPage {
            csrf: String::new(),
            title: t("confirm-passkey-title"),
            message: t1("confirm-passkey-message", "name", &passkey.name),
            action: "/account/passkeys/remove",
            fields: vec![("id", passkey.id.to_string())],
            button: t("confirm-passkey-button"),
            cancel: "/account#passkeys",
        };
        return confirm_page(&mut ws, page).await;
    }
    if !db::factors::delete_passkey(&state.db, login.user_id(), f.id).await? {
        return Err(AppError::NotFound);
    }
    crate::audit::user_event(
        &state.db,
        "factor_removed",
        login.user_id(),
        "method=passkey",
    )
    .await;
    let removed = Notice::FactorRemoved { passkey: true };
    crate::email::notices::send(&state, login.user_id(), removed).await;
    after_factor_change(&state, &mut ws, &login).await?;
    notice(&state, &mut ws, &login, &t("account-passkey-removed")).await
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    confirm: String,
}

async fn recovery_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(f): Form<CsrfOnly>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let login = require_login!(state, ws);
    require_recent!(login);
    if !confirmed(&f.confirm) {
        let page = ConfirmPage {
            csrf: String::new(),
            title: t("confirm-recovery-title"),
            message: t("confirm-recovery-message"),
            action: "/account/recovery",
            fields: vec![],
            button: t("account-recovery-new"),
            cancel: "/account#recovery",
        };
        return confirm_page(&mut ws, page).await;
    }
    // Shown in this response only: the clear codes are never stored.
    let codes = super::enroll::issue_recovery_codes(&state, login.user_id()).await?;
    crate::audit::user_event(&state.db, "recovery_codes_regenerated", login.user_id(), "").await;
    crate::email::notices::send(&state, login.user_id(), Notice::RecoveryCodes).await;
    super::enroll::recovery_page(&mut ws, codes).await
}

/// Ends the user's other logins: after a credential change, a session
/// someone else holds must not outlive it.
pub async fn end_other_logins(state: &AppState, login: &Login) -> Result<(), AppError> {
    db::sessions::delete_others(&state.db, login.user_id(), &login.record.id).await?;
    state.identities.invalidate();
    Ok(())
}

/// A factor was added or removed: other logins end, and this one goes on
/// under new tokens, proving what it proved before.
pub async fn after_factor_change(
    state: &AppState,
    ws: &mut WebSession,
    login: &Login,
) -> Result<(), AppError> {
    end_other_logins(state, login).await?;
    ws.rotate_login(state, login).await
}

#[derive(Deserialize)]
struct SessionForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    session: String,
    #[serde(default)]
    confirm: String,
}

async fn session_revoke(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(f): Form<SessionForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let login = require_login!(state, ws);
    let target = db::sessions::for_user(&state.db, login.user_id())
        .await?
        .into_iter()
        .find(|s| crypto::ct_eq(&s.id, &f.session))
        .ok_or(AppError::NotFound)?;
    if !confirmed(&f.confirm) {
        let device = device_label(target.user_agent.as_deref());
        let message = if target.id == login.record.id {
            t1("confirm-session-message-this", "device", device)
        } else {
            t1("confirm-session-message-that", "device", device)
        };
        let page = ConfirmPage {
            csrf: String::new(),
            title: t("confirm-session-title"),
            message,
            action: "/account/sessions/revoke",
            fields: vec![("session", target.id.clone())],
            button: t("confirm-session-button"),
            cancel: "/account#sessions",
        };
        return confirm_page(&mut ws, page).await;
    }
    db::sessions::delete_for_user(&state.db, login.user_id(), &target.id).await?;
    state.identities.invalidate();
    if target.id == login.record.id {
        ws.logout(&state).await?;
        return Ok(Redirect::to("/login").into_response());
    }
    notice(&state, &mut ws, &login, &t("account-session-signed-out")).await
}

#[derive(Deserialize)]
struct AppForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    confirm: String,
}

async fn app_revoke(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(f): Form<AppForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let login = require_login!(state, ws);
    if !confirmed(&f.confirm) {
        let app = db::grants::authorized_apps(&state.db, login.user_id())
            .await?
            .into_iter()
            .find(|a| a.client_id == f.client_id)
            .ok_or(AppError::NotFound)?;
        let page = ConfirmPage {
            csrf: String::new(),
            title: t("confirm-app-title"),
            message: t1("confirm-app-message", "app", &app.name),
            action: "/account/apps/revoke",
            fields: vec![("client_id", app.client_id.clone())],
            button: t("confirm-app-button"),
            cancel: "/account#apps",
        };
        return confirm_page(&mut ws, page).await;
    }
    db::grants::delete_consent(&state.db, login.user_id(), &f.client_id).await?;
    let revoked =
        db::grants::revoke_client_grants(&state.db, login.user_id(), &f.client_id).await?;
    crate::audit::user_event(
        &state.db,
        "consent_revoked",
        login.user_id(),
        &format!("client_id={} grants={revoked}", f.client_id),
    )
    .await;
    notice(&state, &mut ws, &login, &t("account-app-revoked")).await
}
