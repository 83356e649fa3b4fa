//! Forward-auth endpoints for reverse proxies. On every proxied request the
//! proxy asks here; the answer costs one indexed lookup (or none, when the
//! session was seen in the last few seconds: `identity_cache`) and no hashing.
//! - `/auth/nginx` (`auth_request`): 200, 401 (no session: nginx redirects
//!   to the login page) or 403.
//! - `/auth/forward`, `/auth/traefik`, `/auth/caddy` (`forwardAuth`,
//!   `forward_auth`): the same, with a 302 to the login page instead of 401.
//!
//! On 200 the identity travels in `Remote-User`, `Remote-Email`,
//! `Remote-Name` and `Remote-Groups`, for the proxy to pass upstream.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use url::Url;

use super::session::forward_token_from_headers;
use crate::app::AppState;
use crate::crypto;
use crate::db;
use crate::forward_auth::{self, Decision, Viewer};
use crate::identity_cache::CachedIdentity;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/nginx", any(nginx))
        .route("/auth/forward", any(forward))
        .route("/auth/traefik", any(forward))
        .route("/auth/caddy", any(forward))
}

/// The request the proxy is asking about.
#[derive(Debug)]
struct Original {
    url: Url,
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|s| !s.is_empty())
}

/// `X-Original-URL` (nginx), else `X-Forwarded-Proto`/`-Host`/`-Uri`
/// (Traefik, Caddy, and nginx configured that way).
fn original(headers: &HeaderMap) -> Option<Original> {
    if let Some(u) = header(headers, "x-original-url") {
        return Url::parse(u).ok().map(|url| Original { url });
    }
    let proto = header(headers, "x-forwarded-proto").unwrap_or("https");
    let host = header(headers, "x-forwarded-host")?;
    let uri = header(headers, "x-forwarded-uri").unwrap_or("/");
    if !matches!(proto, "http" | "https") || !uri.starts_with('/') {
        return None;
    }
    Url::parse(&format!("{proto}://{host}{uri}"))
        .ok()
        .map(|url| Original { url })
}

/// The login behind the request's cookie, from memory when recently seen.
async fn identity(state: &AppState, headers: &HeaderMap) -> Option<Arc<CachedIdentity>> {
    let token = forward_token_from_headers(headers)?;
    let key = crypto::digest(&token);
    let ident = match state.identities.get(&key) {
        Ok(hit) => hit,
        Err(ticket) => match db::sessions::forward_identity(&state.db, &key).await {
            Ok(found) => {
                let ident = Arc::new(CachedIdentity::new(found?));
                state.identities.put(key, ticket, ident.clone());
                ident
            }
            Err(e) => {
                tracing::error!(error = %e, "forward auth lookup failed");
                return None;
            }
        },
    };
    let now = db::now();
    let s = &state.config.session;
    let i = &ident.identity;
    if i.created_at + s.absolute_hours * 3600 < now || i.last_seen_at + s.idle_minutes * 60 < now {
        return None;
    }
    Some(ident)
}

enum Answer {
    Allow(Arc<CachedIdentity>),
    Public,
    Login(Url),
    Forbidden,
    BadRequest,
}

async fn decide(state: &AppState, headers: &HeaderMap) -> Answer {
    let Some(orig) = original(headers) else {
        return Answer::BadRequest;
    };
    let host = orig.url.host_str().unwrap_or("");
    let rule = forward_auth::rule_for(&state.config.forward_auth.rules, host, orig.url.path());
    let ident = identity(state, headers).await;
    let viewer = ident.as_ref().map(|i| Viewer {
        complete: i.complete,
        groups: &i.groups,
    });
    match forward_auth::decide(rule, viewer) {
        Decision::Allow => match ident {
            Some(i) => Answer::Allow(i),
            None => Answer::Forbidden,
        },
        Decision::Public => Answer::Public,
        Decision::Login => Answer::Login(orig.url),
        Decision::Forbidden => {
            tracing::info!(
                event = "forward_auth_denied",
                host,
                path = orig.url.path(),
                user = ident.as_ref().map(|i| i.identity.username.as_str()),
                "forward auth denied"
            );
            if let Some(i) = &ident {
                let detail = format!("{host}{}", orig.url.path());
                let event = crate::audit::Event {
                    kind: "forward_auth_denied",
                    user: Some(&i.identity.username),
                    detail: &detail,
                    ..Default::default()
                };
                crate::audit::record(&state.db, event).await;
            }
            Answer::Forbidden
        }
    }
}

fn login_url(state: &AppState, back: &Url) -> String {
    let q = form_urlencoded::Serializer::new(String::new())
        .append_pair("rd", back.as_str())
        .finish();
    format!("{}?{q}", state.config.endpoint("/login"))
}

fn respond(state: &AppState, answer: Answer, redirect: bool) -> Response {
    crate::metrics::forward_auth(match &answer {
        Answer::Allow(_) => "allow",
        Answer::Public => "public",
        Answer::Login(_) => "login",
        Answer::Forbidden => "forbidden",
        Answer::BadRequest => "bad_request",
    });
    let mut resp = match answer {
        Answer::Allow(cached) => {
            let i = &cached.identity;
            let mut r = StatusCode::OK.into_response();
            let name = i.name.clone().unwrap_or_else(|| {
                [i.given_name.as_deref(), i.family_name.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            for (h, v) in [
                ("remote-user", i.username.as_str()),
                ("remote-email", i.email.as_str()),
                ("remote-name", name.as_str()),
                ("remote-groups", i.groups.as_deref().unwrap_or("")),
            ] {
                if let Ok(v) = HeaderValue::from_bytes(v.as_bytes()) {
                    r.headers_mut().insert(HeaderName::from_static(h), v);
                }
            }
            r
        }
        Answer::Public => StatusCode::OK.into_response(),
        Answer::Login(back) if redirect => match HeaderValue::from_str(&login_url(state, &back)) {
            Ok(loc) => (StatusCode::FOUND, [(header::LOCATION, loc)]).into_response(),
            Err(_) => StatusCode::UNAUTHORIZED.into_response(),
        },
        // nginx cannot URL-encode the return URL itself: it takes the
        // finished login URL from this header (`auth_request_set`).
        Answer::Login(back) => match HeaderValue::from_str(&login_url(state, &back)) {
            Ok(loc) => (StatusCode::UNAUTHORIZED, [(header::LOCATION, loc)]).into_response(),
            Err(_) => StatusCode::UNAUTHORIZED.into_response(),
        },
        Answer::Forbidden => StatusCode::FORBIDDEN.into_response(),
        Answer::BadRequest => (
            StatusCode::BAD_REQUEST,
            "missing X-Original-URL or X-Forwarded-Host",
        )
            .into_response(),
    };
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

async fn nginx(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let answer = decide(&state, &headers).await;
    respond(&state, answer, false)
}

async fn forward(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let answer = decide(&state, &headers).await;
    respond(&state, answer, true)
}
