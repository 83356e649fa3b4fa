//! The error type of the HTML side, mapped to a response in one place.
//! Internal causes are logged, never shown.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::i18n::{Text as _, t};
use crate::oidc::OAuthError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: refused with a message written for the reader, shown as is.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 400: a request that cannot be parsed; the parser's words go to the
    /// collapsed details, not the message.
    #[error("malformed request: {0}")]
    Malformed(String),
    /// 400: an authorization request refused at Latchkey (no redirect).
    #[error("authorization error: {0}")]
    OAuth(OAuthError),
    /// 403: a form without a valid CSRF token (or an expired session).
    #[error("CSRF token missing or invalid")]
    Csrf,
    /// 404.
    #[error("not found")]
    NotFound,
    /// 503 with `Retry-After`: the password hashing queue is full.
    #[error("busy")]
    Busy,
    /// 500: logged, shown as a generic message.
    #[error("internal error: {0}")]
    Internal(anyhow::Error),
}

impl AppError {
    pub fn internal(e: impl std::fmt::Display) -> Self {
        AppError::Internal(anyhow::anyhow!("{e}"))
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<crate::auth::password::PasswordError> for AppError {
    fn from(e: crate::auth::password::PasswordError) -> Self {
        match e {
            crate::auth::password::PasswordError::Busy => AppError::Busy,
            e => AppError::Internal(e.into()),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub title: String,
    /// What happened and what to do next, in plain words.
    pub message: String,
    /// The protocol detail, for an administrator (collapsed).
    pub details: Option<String>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, title, message, details) = match &self {
            AppError::BadRequest(m) => (
                StatusCode::BAD_REQUEST,
                t("error-bad-request"),
                m.clone(),
                None,
            ),
            AppError::Malformed(m) => (
                StatusCode::BAD_REQUEST,
                t("error-malformed-title"),
                t("error-malformed-message"),
                Some(m.clone()),
            ),
            AppError::OAuth(e) => (
                StatusCode::BAD_REQUEST,
                t("error-oauth-title"),
                t("error-oauth-message"),
                Some(format!(
                    "{}: {}",
                    e.error.as_str(),
                    sentence(&e.error_description)
                )),
            ),
            AppError::Csrf => (
                StatusCode::FORBIDDEN,
                t("error-csrf-title"),
                t("error-csrf-message"),
                None,
            ),
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                t("error-not-found-title"),
                t("error-not-found-message"),
                None,
            ),
            AppError::Busy => {
                let page = ErrorPage {
                    title: t("error-busy-title"),
                    message: t("error-busy-message"),
                    details: None,
                };
                // RFC 9110 15.6.4 and 10.2.3: unavailable for now, retry later.
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(header::RETRY_AFTER, "2")],
                    page,
                )
                    .into_response();
            }
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    t("error-internal-title"),
                    t("error-internal-message"),
                    None,
                )
            }
        };
        if let Some(d) = &details {
            // The administrator's copy of what the page folds away.
            tracing::info!(status = status.as_u16(), detail = %d, "request refused");
        }
        let page = ErrorPage {
            title,
            message,
            details,
        };
        (status, page).into_response()
    }
}

/// Capitalizes a description, unless it starts with a parameter name.
fn sentence(s: &str) -> String {
    if s.split(' ').next().is_some_and(|w| w.contains('_')) {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
#[test]
fn a_full_hashing_queue_is_503_with_retry_after() {
    let r = AppError::from(crate::auth::password::PasswordError::Busy).into_response();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        r.headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok()),
        Some("2")
    );
}
