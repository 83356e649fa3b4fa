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
//!
//! The request being asked about comes in separate headers, each validated
//! on its own (`forward_auth::forwarded`); anything malformed, repeated, or
//! the `X-Original-URL` of older configurations is answered 400.

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
use crate::forward_auth::{self, Decision, Forwarded, Malformed, Viewer};
use crate::identity_cache::CachedIdentity;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/nginx", any(nginx))
        .route("/auth/forward", any(forward))
        .route("/auth/traefik", any(forward))
        .route("/auth/caddy", any(forward))
}

/// One header of the proxy's request description: absent, or there once.
fn one<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<Option<&'a str>, Malformed> {
    let mut values = headers.get_all(name).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(Malformed::Repeated(name));
    }
    let value = value.to_str().map_err(|_| Malformed::NotAscii(name))?;
    Ok(Some(value).filter(|v| !v.is_empty()))
}

fn required<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, Malformed> {
    one(headers, name)?.ok_or(Malformed::Missing(name))
}

/// Which headers describe the request: one family per endpoint, no fallback.
#[derive(Debug, Clone, Copy)]
enum Family {
    /// `/auth/nginx`: `X-Forwarded-Proto $scheme`, `-Host $host`,
    /// `-Port $server_port`, `-Uri $request_uri`, as the README's block sets
    /// them (`proxy_set_header` replaces any copy the client sent).
    Nginx,
    /// `/auth/forward`, `/auth/traefik`, `/auth/caddy`: `X-Forwarded-Proto`,
    /// `-Host` (with the port, if any) and `-Uri`, which Traefik and Caddy
    /// set themselves.
    Forward,
}

/// The request the proxy is asking about, validated (fails closed: 400).
fn original(headers: &HeaderMap, family: Family) -> Result<Forwarded, Malformed> {
    if headers.contains_key("x-original-url") {
        return Err(Malformed::Legacy);
    }
    let port = match family {
        Family::Nginx => one(headers, "x-forwarded-port")?,
        Family::Forward => None,
    };
    forward_auth::forwarded(
        required(headers, "x-forwarded-proto")?,
        required(headers, "x-forwarded-host")?,
        port,
        required(headers, "x-forwarded-uri")?,
    )
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
    let i = &ident.identity;
    let times = crate::config::LoginTimes {
        created_at: i.created_at,
        last_seen_at: i.last_seen_at,
        remembered_until: i.remembered_until,
    };
    if !state.config.session.login_alive(times, ident.complete, now) {
        return None;
    }
    Some(ident)
}

enum Answer {
    Allow(Arc<CachedIdentity>),
    Public,
    Login(Url),
    Forbidden,
    BadRequest(Malformed),
}

async fn decide(state: &AppState, headers: &HeaderMap, family: Family) -> Answer {
    let orig = match original(headers, family) {
        Ok(orig) => orig,
        Err(why) => {
            tracing::info!(event = "forward_auth_bad_request", reason = %why, "forward auth refused the request description");
            return Answer::BadRequest(why);
        }
    };
    let host = orig.host();
    let path = orig.path();
    let rule = forward_auth::rule_for(&state.config.forward_auth.rules, host, path);
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
        Decision::Login => match orig.url() {
            Some(url) => Answer::Login(url),
            None => Answer::BadRequest(Malformed::Uri),
        },
        Decision::Forbidden => {
            tracing::info!(
                event = "forward_auth_denied",
                host,
                path,
                user = ident.as_ref().map(|i| i.identity.username.as_str()),
                "forward auth denied"
            );
            if let Some(i) = &ident {
                let detail = format!("{host}{path}");
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
        Answer::BadRequest(_) => "bad_request",
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
        Answer::BadRequest(why) => (StatusCode::BAD_REQUEST, why.to_string()).into_response(),
    };
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

async fn nginx(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let answer = decide(&state, &headers, Family::Nginx).await;
    respond(&state, answer, false)
}

async fn forward(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let answer = decide(&state, &headers, Family::Forward).await;
    respond(&state, answer, true)
}
