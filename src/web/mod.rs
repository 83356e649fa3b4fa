//! HTTP: each module owns its routes; this file merges them and applies the
//! layers (sessions, security headers, body limit, tracing).

pub mod account;
pub mod assets;
pub mod authorize;
pub mod branding;
pub mod client_ip;
pub mod consent;
pub mod email_confirm;
pub mod enroll;
pub mod enroll_link;
pub mod error;
pub mod forward_auth;
pub mod health;
pub mod invite;
pub mod language;
pub mod login;
pub mod logout;
pub mod mfa;
pub mod oauth_response;
pub mod oidc;
pub mod pending;
pub mod reset;
pub mod session;
pub mod session_store;
pub mod token;
pub mod webauthn;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::response::Response;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::app::AppState;
use crate::i18n::Text as _;
use crate::oidc::params::Params;
use error::AppError;

pub type AppResult = Result<Response, AppError>;

/// Request bodies above this are refused with 413.
const BODY_LIMIT: usize = 64 * 1024;

/// A simple page: a title, a sentence and an optional link.
#[derive(Template, WebTemplate)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub title: String,
    pub message: String,
    pub link: Option<(String, String)>,
}

/// Parses a form body as OAuth reads it, requiring the form content type.
pub fn form_body(headers: &HeaderMap, body: &Bytes) -> Result<Params, String> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = ct.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err("the body must be application/x-www-form-urlencoded".into());
    }
    Params::parse(body).map_err(|e| e.to_string())
}

pub fn router(state: AppState) -> Router {
    let config = &state.config;
    // The __Host- prefix pins the cookie to this host, https only, path /.
    let cookie_name = if config.cookie_secure() {
        "__Host-latchkey"
    } else {
        "latchkey"
    };
    // Host-only: the login cookie (web::session) is the one that may span
    // subdomains, for forward auth.
    let sessions = SessionManagerLayer::new(session_store::store(state.db.clone()))
        .with_name(cookie_name)
        .with_secure(config.cookie_secure())
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            config.session.idle_minutes,
        )));

    let pages = Router::new()
        .merge(authorize::router())
        .merge(login::router())
        .merge(consent::router())
        .merge(logout::router())
        .merge(account::router())
        .merge(mfa::router())
        .merge(enroll::router())
        .merge(enroll_link::router())
        .merge(email_confirm::router())
        .merge(invite::router())
        .merge(reset::router())
        .merge(webauthn::router())
        .merge(language::router())
        .layer(sessions);

    let mut app = Router::new()
        .merge(pages)
        .merge(oidc::router())
        .merge(token::router())
        .merge(health::router())
        .merge(forward_auth::router())
        .merge(assets::router())
        .merge(branding::router())
        .fallback(|| async { AppError::NotFound })
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT));
    // Off the public listener unless asked for (metrics_listen serves it
    // on a private address).
    if config.metrics_public {
        app = app.merge(health::metrics_router());
    }
    app = app.route_layer(axum::middleware::from_fn(track_latency));
    for (name, value) in security_headers(config.issuer.starts_with("https://")) {
        app = app.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    app = app.layer(axum::middleware::map_response(no_store_html));
    app = app.layer(axum::middleware::from_fn_with_state(
        state.clone(),
        language::layer,
    ));
    // Every request gets an id, in its log span and in the response.
    let trace = TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
        let id = req
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        tracing::info_span!("request", id, method = %req.method(), path = %req.uri().path())
    });
    let proxies: std::sync::Arc<[String]> = config.trusted_proxies.clone().into();
    app.layer(tower_http::request_id::PropagateRequestIdLayer::x_request_id())
        .layer(trace)
        .layer(tower_http::request_id::SetRequestIdLayer::x_request_id(
            tower_http::request_id::MakeRequestUuid,
        ))
        .layer(axum::middleware::from_fn_with_state(
            proxies,
            distrust_request_id,
        ))
        .with_state(state)
}

/// A client's own `X-Request-Id` becomes the log id only when it comes
/// through a trusted proxy (and looks like an id); from anyone else it is
/// dropped and a fresh UUID is made, so nobody picks the id their requests
/// are logged under or mixes theirs into someone else's.
async fn distrust_request_id(
    axum::extract::State(proxies): axum::extract::State<std::sync::Arc<[String]>>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let from_proxy = peer.is_some_and(|p| client_ip::is_trusted_proxy(p, &proxies));
    let values = req.headers().get_all("x-request-id");
    let mut values = values.iter();
    let keep = from_proxy
        && values.next().is_some_and(|v| is_request_id(v.as_bytes()))
        && values.next().is_none();
    if !keep {
        req.headers_mut().remove("x-request-id");
    }
    next.run(req).await
}

/// 1 to 128 characters of `[A-Za-z0-9._:-]`: nothing that reads as more
/// than an id in a log line.
fn is_request_id(v: &[u8]) -> bool {
    (1..=128).contains(&v.len())
        && v.iter()
            .all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(b))
}

/// Pages are never stored by the browser or a proxy: after logout, Back
/// must not show the account page from cache. Only HTML that did not set
/// its own Cache-Control (JSON answers set `no-store` themselves; static
/// assets may be cached).
async fn no_store_html(mut resp: Response) -> Response {
    let html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("text/html")
        });
    if html && !resp.headers().contains_key(header::CACHE_CONTROL) {
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// Latency per matched route, for `/metrics`.
async fn track_latency(
    matched: Option<axum::extract::MatchedPath>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let route = matched.map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let method = req.method().to_string();
    let start = std::time::Instant::now();
    let resp = next.run(req).await;
    crate::metrics::request(&route, &method, start.elapsed());
    resp
}

fn security_headers(https: bool) -> Vec<(HeaderName, HeaderValue)> {
    let mut h = vec![
        // RFC 9700 4.16: no framing of any page (clickjacking).
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                 connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
    ];
    if https {
        h.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    h
}
