//! The typed browser session, in two parts:
//! - the tower-sessions session holds [`SessionData`]: the pending
//!   authorizations, the CSRF token and ceremony state, nothing that proves
//!   who the user is;
//! - the login cookie holds a random token whose digest is the key of a
//!   `browser_sessions` row: who is logged in, and how. One indexed lookup
//!   checks it (forward auth does the same), and deleting the row ends the
//!   login at once, everywhere.
//!
//! A visitor costs no server-side row until a POST needs one (F7): until
//! then the CSRF token is signed from a random cookie, and the pending
//! requests travel in a sealed cookie (`web::pending`). The first
//! [`WebSession::save`] moves both into the server-side session.

use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use tower_cookies::{Cookie, Cookies};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, PasskeyAuthentication, PasskeyRegistration,
};

use super::error::AppError;
use super::pending::{self, Carried, PendingRequests};
use crate::app::AppState;
use crate::audit;
use crate::config::Config;
use crate::crypto;
use crate::db::{self, sessions::BrowserSession};
use crate::oidc::authorize::Amr;

const KEY: &str = "latchkey";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SessionData {
    /// Synchronizer token for every POST form.
    pub csrf: Option<String>,
    /// The authorization requests being worked through, each under its
    /// own id (one per tab); `pending.as_ref()` is the most recent.
    #[serde(default)]
    pub pending: PendingRequests,
    /// A forward-auth return URL (already checked against the rules).
    pub return_to: Option<String>,
    /// The pending request whose sign-in is under way: set when the sign-in
    /// page is opened for it (`/login?req=…`), cleared when it is opened
    /// for none, so an abandoned app sign-in never takes over a later visit
    /// (issue 14, item 2). The steps after the password resume it.
    #[serde(default)]
    pub login_for: Option<String>,
    /// A TOTP secret shown for enrollment, not yet confirmed, sealed with
    /// the instance key (this record is stored; the clear secret is not).
    pub totp_enrollment: Option<String>,
    /// The first factor was just enrolled: the next page makes the
    /// recovery codes and shows them once (the codes are never stored).
    #[serde(default)]
    pub recovery_codes_due: bool,
    /// WebAuthn ceremony state, kept server-side and used once.
    pub passkey_registration: Option<PasskeyRegistration>,
    pub passkey_authentication: Option<PasskeyAuthentication>,
    pub discoverable_authentication: Option<DiscoverableAuthentication>,
    /// A password reset under way in this browser (`web::reset`).
    #[serde(default)]
    pub reset: Option<ResetProgress>,
    /// A passkey ceremony that proves a reset's second factor.
    #[serde(default)]
    pub reset_passkey: Option<PasskeyAuthentication>,
}

/// A password reset: whose, by which emailed link, and whether a second
/// factor was proved yet (only then may a new password be set).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResetProgress {
    pub user_id: i64,
    pub token_hash: String,
    pub factor_proved: bool,
}

impl SessionData {
    /// The pending request whose sign-in is under way (`login_for`), if it
    /// is still pending.
    pub fn login_request(&self) -> Option<&crate::oidc::authorize::AuthRequest> {
        self.login_for
            .as_deref()
            .and_then(|id| self.pending.get(id))
    }
}

/// The logged-in user of this browser, as recorded server-side.
#[derive(Debug, Clone)]
pub struct Login {
    pub record: BrowserSession,
    pub amr: Vec<Amr>,
    pub username: String,
    pub subject: String,
    /// The user's enrolled second factors when the request began.
    pub has_totp: bool,
    pub has_passkey: bool,
}

impl Login {
    /// Any second factor enrolled (as of this request).
    pub fn has_factor(&self) -> bool {
        self.has_totp || self.has_passkey
    }

    pub fn user_id(&self) -> i64 {
        self.record.user_id
    }

    /// Both factors passed (or one that counts as both).
    pub fn is_complete(&self) -> bool {
        self.amr.contains(&Amr::Mfa)
    }

    /// The strongest credential this user has was checked in the last
    /// [`RECENT_SECONDS`]: a second factor when one is enrolled, else the
    /// password. Changing credentials needs this (re-authentication).
    pub fn verified_recently(&self, now: i64) -> bool {
        now - self.record.auth_time < RECENT_SECONDS && (self.is_complete() || !self.has_factor())
    }
}

/// The login cookie's name. It is always host-only (`__Host-` over https):
/// it opens the account pages, so no other app under `cookie_domain` may
/// ever receive it.
pub fn login_cookie_name(config: &Config) -> &'static str {
    if config.cookie_secure() {
        "__Host-latchkey_login"
    } else {
        "latchkey_login"
    }
}

/// The forward-auth cookie: its own token, which only forward auth reads.
/// It may span `cookie_domain`, so every protected app sees it; all it can
/// do there is ask forward auth for the same answer the proxy already got.
pub const FORWARD_COOKIE: &str = "latchkey_forward";

/// The forward-auth token from a request's `Cookie` headers.
pub fn forward_token_from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| Cookie::parse(c.trim()).ok())
        .find(|c| c.name() == FORWARD_COOKIE)
        .map(|c| c.value().to_string())
}

/// Seconds a checked factor counts as recent: long enough to finish a
/// settings change, short enough that an unattended or stolen session
/// cannot change credentials.
pub const RECENT_SECONDS: i64 = 15 * 60;

/// Looks up a live login by its cookie token: one primary-key lookup.
pub async fn live_login(state: &AppState, token: &str) -> Result<Option<Login>, AppError> {
    let Some(live) = db::sessions::live(&state.db, &crypto::digest(token)).await? else {
        return Ok(None);
    };
    let record = live.record;
    let amr: Vec<Amr> = serde_json::from_str(&record.amr).unwrap_or_default();
    let login = Login {
        amr,
        username: live.username,
        subject: live.subject,
        has_totp: live.has_totp,
        has_passkey: live.has_passkey,
        record,
    };
    let times = crate::config::LoginTimes {
        created_at: login.record.created_at,
        last_seen_at: login.record.last_seen_at,
        remembered_until: login.record.remembered_until,
    };
    // Complete as far as keeping it goes: nothing more is owed.
    let complete = login.is_complete() || !login.has_factor();
    if !state.config.session.login_alive(times, complete, db::now()) {
        db::sessions::delete(&state.db, &login.record.id).await?;
        state.identities.invalidate();
        return Ok(None);
    }
    Ok(Some(login))
}

/// Who signs in, with what, and whether to keep the login on this device.
pub struct LoginStart<'a> {
    pub user_id: i64,
    pub amr: &'a [Amr],
    pub remember: bool,
}

/// A login's two random tokens: the login cookie's and the forward-auth
/// cookie's. Only their digests are stored.
struct LoginTokens {
    login: String,
    forward: String,
}

impl LoginTokens {
    fn new() -> Self {
        Self {
            login: crypto::random_token(),
            forward: crypto::random_token(),
        }
    }
}

pub struct WebSession {
    session: Session,
    cookies: Cookies,
    state: AppState,
    /// A live login was seen or made in this request (so [`Self::save`]
    /// need not look the login cookie up again).
    known_login: AtomicBool,
    pub data: SessionData,
}

impl FromRequestParts<AppState> for WebSession {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, msg)| AppError::Internal(anyhow::anyhow!(msg)))?;
        let cookies = Cookies::from_request_parts(parts, state)
            .await
            .map_err(|(_, msg)| AppError::Internal(anyhow::anyhow!(msg)))?;
        let stored = session.get::<SessionData>(KEY).await.ok().flatten();
        let data = match stored {
            Some(data) => data,
            // No server-side session: what the sealed cookie carries, if any.
            None if session.id().is_none() => carried(state, &cookies),
            None => SessionData::default(),
        };
        Ok(Self {
            session,
            cookies,
            state: state.clone(),
            known_login: AtomicBool::new(false),
            data,
        })
    }
}

/// The cookie names; `__Host-` pins them to this host over https.
fn csrf_cookie_name(config: &Config) -> &'static str {
    if config.cookie_secure() {
        "__Host-latchkey_csrf"
    } else {
        "latchkey_csrf"
    }
}

/// Marks of the accounts that signed in from this browser, for the
/// new-device notice: no row, a MAC of each account's subject.
fn device_cookie_name(config: &Config) -> &'static str {
    if config.cookie_secure() {
        "__Host-latchkey_device"
    } else {
        "latchkey_device"
    }
}

/// Accounts a browser remembers having signed in as.
const DEVICE_MARKS: usize = 5;

fn carry_cookie_name(config: &Config) -> &'static str {
    if config.cookie_secure() {
        "__Host-latchkey_authz"
    } else {
        "latchkey_authz"
    }
}

/// A host-only, HttpOnly, SameSite=Lax cookie (Lax: the pending request
/// must come along on the redirects from a client's site).
fn page_cookie(config: &Config, name: &'static str, value: String) -> Cookie<'static> {
    let mut c = Cookie::new(name, value);
    c.set_http_only(true);
    c.set_secure(config.cookie_secure());
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c
}

fn carried(state: &AppState, cookies: &Cookies) -> SessionData {
    let Some(c) = cookies.get(carry_cookie_name(&state.config)) else {
        return SessionData::default();
    };
    match Carried::open(&state.secrets, c.value(), db::now()) {
        Some(carried) => SessionData {
            pending: carried.pending,
            return_to: carried.return_to,
            login_for: carried.login_for,
            ..SessionData::default()
        },
        None => SessionData::default(),
    }
}

/// The CSRF cookie's value: 32 random bytes, base64url.
fn valid_csrf_seed(v: &str) -> bool {
    v.len() == 43
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn csrf_message(seed: &str) -> Vec<u8> {
    [b"csrf:".as_slice(), seed.as_bytes()].concat()
}

impl WebSession {
    /// Days "remember this device" keeps a login (0: not offered).
    pub fn remember_days(&self) -> i64 {
        self.state.config.session.remember_days
    }

    /// Whether a forgotten password can be reset by email here.
    pub fn can_reset(&self) -> bool {
        self.state.mailer.is_some()
    }

    /// The configured way to reach the administrator (the sign-in pages'
    /// way out when a password or a factor is lost).
    pub fn admin_contact(&self) -> Option<String> {
        self.state.config.admin_contact.clone()
    }

    /// Stores `data` in the server-side session (creating its row). The
    /// signed CSRF token and the carried requests move into it, and their
    /// cookies go. Without a login the record lives only minutes (F7).
    pub async fn save(&self) -> Result<(), AppError> {
        let config = &self.state.config;
        // A live login, not just a cookie of that name: a junk one must not
        // give an anonymous record the logged-in lifetime.
        let logged_in = match self.login_token(&self.state) {
            None => false,
            Some(_) if self.known_login.load(Ordering::Relaxed) => true,
            Some(token) => live_login(&self.state, &token).await?.is_some(),
        };
        let minutes = if logged_in {
            config.session.idle_minutes
        } else {
            config.session.idle_minutes.min(pending::ANONYMOUS_MINUTES)
        };
        self.session
            .set_expiry(Some(Expiry::OnInactivity(time::Duration::minutes(minutes))));
        let signed = self.signed_csrf_token(false);
        let adopted = match (&self.data.csrf, &signed) {
            (None, Some(t)) => Some(SessionData {
                csrf: Some(t.clone()),
                ..self.data.clone()
            }),
            _ => None,
        };
        self.session
            .insert(KEY, adopted.as_ref().unwrap_or(&self.data))
            .await
            .map_err(AppError::internal)?;
        self.drop_cookie(carry_cookie_name(config));
        // The cookie stays while its token is the session's (pages of this
        // response still sign with it); a new token (a privilege change)
        // retires it.
        let same = matches!((&self.data.csrf, &signed), (Some(a), Some(b)) if crypto::ct_eq(a, b));
        if self.data.csrf.is_some() && !same {
            self.drop_cookie(csrf_cookie_name(config));
        }
        Ok(())
    }

    /// Keeps the changes to `data` without making a server-side row for a
    /// visitor who has none: the pending requests and the return URL go in
    /// the sealed cookie. Anything else (or too much) is [`Self::save`]d.
    pub async fn keep(&self) -> Result<(), AppError> {
        if self.has_record() || !self.only_carried() {
            return self.save().await;
        }
        let config = &self.state.config;
        let carried = Carried::new(
            self.data.pending.clone(),
            self.data.return_to.clone(),
            self.data.login_for.clone(),
        );
        if carried.is_empty() {
            self.drop_cookie(carry_cookie_name(config));
            return Ok(());
        }
        match carried.seal(&self.state.secrets) {
            Some(sealed) => {
                let mut c = page_cookie(config, carry_cookie_name(config), sealed);
                c.set_max_age(time::Duration::minutes(pending::ANONYMOUS_MINUTES));
                self.cookies.add(c);
                Ok(())
            }
            None => self.save().await,
        }
    }

    /// A server-side record exists, or is about to be written.
    fn has_record(&self) -> bool {
        self.session.id().is_some() || self.session.is_modified()
    }

    /// Whether `data` holds nothing but what the sealed cookie carries.
    fn only_carried(&self) -> bool {
        let rest = SessionData {
            pending: PendingRequests::default(),
            return_to: None,
            login_for: None,
            ..self.data.clone()
        };
        serde_json::to_value(&rest).ok() == serde_json::to_value(SessionData::default()).ok()
    }

    fn drop_cookie(&self, name: &'static str) {
        if self.cookies.get(name).is_some() {
            let c = page_cookie(&self.state.config, name, String::new());
            self.cookies.remove(c);
        }
    }

    /// The token signed from the CSRF cookie (made when `create` and none
    /// is there): HMAC under the instance secret, so that no row is needed
    /// to check it.
    fn signed_csrf_token(&self, create: bool) -> Option<String> {
        let name = csrf_cookie_name(&self.state.config);
        let seed = match self.cookies.get(name) {
            Some(c) if valid_csrf_seed(c.value()) => c.value().to_string(),
            _ if create => {
                let seed = crypto::random_token();
                self.cookies
                    .add(page_cookie(&self.state.config, name, seed.clone()));
                seed
            }
            _ => return None,
        };
        Some(crypto::b64url(
            &self.state.secrets.mac(&csrf_message(&seed)),
        ))
    }

    /// The CSRF token for forms: the session's own once it has one (it
    /// changes at each privilege change), else one signed from a cookie,
    /// which writes nothing server-side.
    pub async fn csrf_token(&mut self) -> Result<String, AppError> {
        if let Some(t) = &self.data.csrf {
            return Ok(t.clone());
        }
        self.signed_csrf_token(true)
            .ok_or_else(|| AppError::internal("no CSRF token"))
    }

    /// Constant-time check of a submitted CSRF token.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        let ok = match &self.data.csrf {
            Some(t) => crypto::ct_eq(t, submitted),
            None => self.check_signed_csrf(submitted),
        };
        if ok { Ok(()) } else { Err(AppError::Csrf) }
    }

    fn check_signed_csrf(&self, submitted: &str) -> bool {
        use base64::Engine;
        let Some(c) = self.cookies.get(csrf_cookie_name(&self.state.config)) else {
            return false;
        };
        let Ok(tag) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(submitted) else {
            return false;
        };
        valid_csrf_seed(c.value())
            && self
                .state
                .secrets
                .verify_mac(&csrf_message(c.value()), &tag)
    }

    fn login_token(&self, state: &AppState) -> Option<String> {
        self.cookies
            .get(login_cookie_name(&state.config))
            .map(|c| c.value().to_string())
    }

    /// The current login, if its server-side record is still live.
    pub async fn login(&self, state: &AppState) -> Result<Option<Login>, AppError> {
        let Some(token) = self.login_token(state) else {
            return Ok(None);
        };
        let login = live_login(state, &token).await?;
        self.known_login.store(login.is_some(), Ordering::Relaxed);
        if let Some(l) = &login
            && db::now() - l.record.last_seen_at > 60
        {
            db::sessions::touch(&state.db, &l.record.id).await?;
        }
        Ok(login)
    }

    /// Sets the login cookie (host-only) and, where forward auth is
    /// configured, the forward-auth cookie (across `cookie_domain`).
    /// The login cookies; a remembered login's outlive the browser (until
    /// `remembered_until`), every other one's end with it.
    fn set_login_cookies(
        &self,
        state: &AppState,
        tokens: &LoginTokens,
        remembered_until: Option<i64>,
    ) {
        let config = &state.config;
        let keep = |c: &mut Cookie<'static>| {
            if let Some(until) = remembered_until {
                c.set_max_age(time::Duration::seconds((until - db::now()).max(0)));
            }
        };
        // Lax: the cookie must come along on the top-level GET /authorize.
        let mut login = page_cookie(config, login_cookie_name(config), tokens.login.clone());
        keep(&mut login);
        self.cookies.add(login);
        self.known_login.store(true, Ordering::Relaxed);
        if config.forward_auth.rules.is_empty() {
            return;
        }
        let mut f = page_cookie(config, FORWARD_COOKIE, tokens.forward.clone());
        if let Some(domain) = &config.session.cookie_domain {
            f.set_domain(domain.clone());
        }
        keep(&mut f);
        self.cookies.add(f);
    }

    fn remove_login_cookies(&self, state: &AppState) {
        let mut c = Cookie::new(login_cookie_name(&state.config), "");
        c.set_path("/");
        self.cookies.remove(c);
        self.known_login.store(false, Ordering::Relaxed);
        if state.config.forward_auth.rules.is_empty() {
            return;
        }
        let mut f = Cookie::new(FORWARD_COOKIE, "");
        f.set_path("/");
        if let Some(domain) = &state.config.session.cookie_domain {
            f.set_domain(domain.clone());
        }
        self.cookies.remove(f);
    }

    /// Starts a login after the first factor (or a passwordless passkey):
    /// a new server-side record, new tokens and a new session id.
    /// `event`, if any, is audited in the same transaction as the record.
    /// `remember`: the user asked to stay signed in on this device.
    pub async fn begin_login(
        &mut self,
        state: &AppState,
        start: LoginStart<'_>,
        user_agent: Option<String>,
        event: Option<audit::Event<'_>>,
    ) -> Result<(), AppError> {
        let LoginStart {
            user_id,
            amr,
            remember,
        } = start;
        let old = self.login_token(state).map(|t| crypto::digest(&t));
        let tokens = LoginTokens::new();
        let now = db::now();
        let record = BrowserSession {
            id: crypto::digest(&tokens.login),
            forward_id: Some(crypto::digest(&tokens.forward)),
            user_id,
            auth_time: now,
            amr: serde_json::to_string(amr).map_err(AppError::internal)?,
            user_agent,
            created_at: now,
            last_seen_at: now,
            remembered_until: (remember && state.config.session.remember_days > 0)
                .then(|| now + state.config.session.remember_days * 86400),
        };
        match &event {
            Some(e) => {
                db::sessions::insert_with_audit(&state.db, &record, &audit::row(e)).await?;
                audit::announce(e);
            }
            None => db::sessions::insert(&state.db, &record).await?,
        }
        // The previous login in this browser ends; the same user's grants
        // bound to it go on with this one (a re-authentication, OIDC Core 11).
        if let Some(old) = old {
            let s = &state.config.session;
            let live_since = (
                now - s.absolute_hours * 3600,
                now - s.idle_minutes * 60,
                now,
            );
            db::sessions::end_replaced(&state.db, (&old, &record.id), user_id, live_since).await?;
            state.identities.invalidate();
        }
        self.set_login_cookies(state, &tokens, record.remembered_until);
        self.data.csrf = Some(crypto::random_token());
        if let Some(p) = self.data.pending.as_mut() {
            p.fresh_login = true;
        }
        self.session.cycle_id().await.map_err(AppError::internal)?;
        self.save().await
    }

    /// Records a verified further factor on the current login: its methods
    /// join `amr` with `mfa`, and `auth_time` moves to now. The tokens and
    /// the session id all change (a privilege change). `event`, if any, is
    /// audited in the same transaction.
    pub async fn upgrade_login(
        &mut self,
        state: &AppState,
        login: &Login,
        verified: &[Amr],
        event: Option<audit::Event<'_>>,
    ) -> Result<(), AppError> {
        let mut amr = login.amr.clone();
        for a in verified.iter().chain([&Amr::Mfa]) {
            if !amr.contains(a) {
                amr.push(*a);
            }
        }
        self.replace_login(state, login, &amr, db::now(), event)
            .await
    }

    /// New tokens and session id for the same login, which keeps its `amr`
    /// and `auth_time` (after a password change or a factor change: those
    /// prove nothing new about who is here).
    pub async fn rotate_login(&mut self, state: &AppState, login: &Login) -> Result<(), AppError> {
        let auth_time = login.record.auth_time;
        self.replace_login(state, login, &login.amr, auth_time, None)
            .await
    }

    async fn replace_login(
        &mut self,
        state: &AppState,
        login: &Login,
        amr: &[Amr],
        auth_time: i64,
        event: Option<audit::Event<'_>>,
    ) -> Result<(), AppError> {
        let json = serde_json::to_string(amr).map_err(AppError::internal)?;
        let tokens = LoginTokens::new();
        let (id, forward_id) = (
            crypto::digest(&tokens.login),
            crypto::digest(&tokens.forward),
        );
        let new = db::sessions::Rotation {
            id: &id,
            forward_id: &forward_id,
            amr: &json,
            auth_time,
        };
        match &event {
            Some(e) => {
                let row = audit::row(e);
                db::sessions::upgrade_with_audit(&state.db, &login.record.id, &new, &row).await?;
                audit::announce(e);
            }
            None => db::sessions::upgrade(&state.db, &login.record.id, &new).await?,
        }
        state.identities.invalidate();
        self.set_login_cookies(state, &tokens, login.record.remembered_until);
        self.data.csrf = Some(crypto::random_token());
        self.session.cycle_id().await.map_err(AppError::internal)?;
        self.save().await
    }

    /// Whether this browser signed in as `subject` before (its device
    /// cookie carries the account's mark), and remembers it from now on.
    pub fn seen_device(&self, subject: &str) -> bool {
        let config = &self.state.config;
        let mac = self
            .state
            .secrets
            .mac(format!("device:{subject}").as_bytes());
        let mark = crypto::b64url(&mac[..16]);
        let mut marks: Vec<String> = self
            .cookies
            .get(device_cookie_name(config))
            .map(|c| {
                c.value()
                    .split('.')
                    .filter(|m| m.len() == 22)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let seen = marks.iter().any(|m| crypto::ct_eq(m, &mark));
        marks.retain(|m| !crypto::ct_eq(m, &mark));
        marks.insert(0, mark);
        marks.truncate(DEVICE_MARKS);
        let mut c = page_cookie(config, device_cookie_name(config), marks.join("."));
        c.set_max_age(time::Duration::days(400));
        self.cookies.add(c);
        seen
    }

    /// A privilege change outside a login (a reset's second factor was
    /// proved): a new session id and CSRF token.
    pub async fn elevate(&mut self) -> Result<(), AppError> {
        self.data.csrf = Some(crypto::random_token());
        self.session.cycle_id().await.map_err(AppError::internal)?;
        self.save().await
    }

    /// Ends the login here and everywhere this record is used.
    pub async fn logout(&mut self, state: &AppState) -> Result<(), AppError> {
        if let Some(token) = self.login_token(state) {
            db::sessions::delete(&state.db, &crypto::digest(&token)).await?;
            state.identities.invalidate();
        }
        self.remove_login_cookies(state);
        self.data = SessionData::default();
        self.session.flush().await.map_err(AppError::internal)
    }
}
