//! The page language: chosen per request (the saved choice in a cookie,
//! then `Accept-Language`, then the configured default), and changed by
//! the picker in the page footer and on the account page.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;

use super::AppResult;
use super::session::WebSession;
use crate::app::AppState;
use crate::config::Config;
use crate::db;
use crate::i18n::{self, Lang, PageContext};

/// The cookie that holds the reader's choice on this device. Not a
/// secret and not a session: any shipped code, nothing else, is read.
pub const COOKIE: &str = "latchkey_lang";

/// A year: a language choice outlives sessions.
const COOKIE_MAX_AGE: i64 = 365 * 24 * 3600;

/// The longest local address the picker returns to.
const MAX_BACK: usize = 2048;

pub fn router() -> Router<AppState> {
    Router::new().route("/language", post(choose))
}

/// Middleware: runs the request with its language and the address the
/// picker comes back to, and labels HTML answers with their language.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = of_request(&state.config, req.headers());
    let here = if req.method() == axum::http::Method::GET {
        req.uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string()
    } else {
        req.uri().path().to_string()
    };
    let context = PageContext {
        lang,
        here: local_path(&here).unwrap_or("/account").to_string(),
        product: state.branding.name.clone(),
        logo: state.branding.logo.as_ref().map(|f| f.url.clone()),
        favicon: state.branding.favicon.as_ref().map(|f| f.url.clone()),
        accent_css: state.branding.css.as_ref().map(|f| f.url.clone()),
    };
    let mut resp = i18n::scope(context, next.run(req)).await;
    let html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if html {
        resp.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
    }
    resp
}

/// The language of a request's pages.
pub fn of_request(config: &Config, headers: &HeaderMap) -> Lang {
    let saved = cookie_value(headers, COOKIE);
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    i18n::negotiate(saved, accept, config.default_lang())
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// `back` when it is a path on this site: one leading `/`, not `//` or
/// `/\` (which browsers read as another host), no control characters.
fn local_path(back: &str) -> Option<&str> {
    let ok = back.starts_with('/')
        && !back.starts_with("//")
        && !back.starts_with("/\\")
        && back.len() <= MAX_BACK
        && !back.chars().any(|c| c.is_control() || c == '\\');
    ok.then_some(back)
}

/// The `Set-Cookie` value that saves `lang` on this device.
pub fn cookie(config: &Config, lang: Lang) -> HeaderValue {
    let secure = if config.cookie_secure() {
        "; Secure"
    } else {
        ""
    };
    let v = format!(
        "{COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly{secure}",
        lang.code()
    );
    // Built from a shipped code and fixed text: always a valid value.
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Adds the saved language of a user who just signed in to the response,
/// so that this device follows the account's choice from now on.
pub fn follow_user(config: &Config, locale: Option<&str>, resp: &mut Response) {
    if let Some(lang) = locale.and_then(Lang::parse) {
        resp.headers_mut()
            .append(header::SET_COOKIE, cookie(config, lang));
    }
}

#[derive(Deserialize)]
struct ChooseForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

/// The picker: saves the choice on this device and, when someone is
/// signed in, on their account; then goes back to the page.
async fn choose(
    State(state): State<AppState>,
    ws: WebSession,
    Form(f): Form<ChooseForm>,
) -> AppResult {
    ws.check_csrf(&f.csrf_token)?;
    let lang = Lang::parse(&f.lang)
        .filter(|l| l.code().eq_ignore_ascii_case(f.lang.trim()))
        .ok_or_else(|| super::error::AppError::BadRequest(i18n::t("language-unknown")))?;
    if let Some(login) = ws.login(&state).await? {
        db::users::set_locale(&state.db, login.user_id(), Some(lang.code())).await?;
    }
    let back = local_path(&f.back).unwrap_or("/account");
    let mut resp = Redirect::to(back).into_response();
    resp.headers_mut()
        .append(header::SET_COOKIE, cookie(&state.config, lang));
    Ok(resp)
}

#[cfg(test)]
#[test]
fn only_local_paths_are_returned_to() {
    assert_eq!(local_path("/login?req=abc"), Some("/login?req=abc"));
    for bad in [
        "//evil.example/",
        "/\\evil.example",
        "https://evil.example/",
        "",
        "a/b",
        "/a\r\nSet-Cookie: x",
    ] {
        assert_eq!(local_path(bad), None, "{bad:?}");
    }
}
