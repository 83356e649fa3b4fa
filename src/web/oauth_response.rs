//! How protocol errors and token responses travel over HTTP: JSON bodies for
//! back-channel endpoints (RFC 6749 5.1, 5.2) and error redirects for the
//! authorization endpoint (RFC 6749 4.1.2.1, RFC 9207).

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use url::Url;

use crate::oidc::authorize::ErrorRedirect;
use crate::oidc::{ErrorCode, OAuthError};

/// A JSON protocol error from a back-channel endpoint.
pub struct JsonError(pub OAuthError);

impl From<OAuthError> for JsonError {
    fn from(e: OAuthError) -> Self {
        JsonError(e)
    }
}

impl IntoResponse for JsonError {
    fn into_response(self) -> Response {
        let status = match self.0.error {
            ErrorCode::InvalidClient | ErrorCode::InvalidToken => StatusCode::UNAUTHORIZED,
            ErrorCode::InsufficientScope => StatusCode::FORBIDDEN,
            ErrorCode::ServerError => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        let mut resp = no_store((status, Json(&self.0)).into_response());
        match self.0.error {
            // RFC 6749 5.2: 401 with the scheme the client may authenticate with.
            ErrorCode::InvalidClient => {
                resp.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"latchkey\""),
                );
            }
            // RFC 6750 3: say why the bearer token was refused.
            ErrorCode::InvalidToken | ErrorCode::InsufficientScope => {
                let v = format!(
                    "Bearer realm=\"latchkey\", error=\"{}\", error_description=\"{}\"",
                    self.0.error.as_str(),
                    self.0.error_description.replace(['"', '\\'], "")
                );
                if let Ok(v) = HeaderValue::from_str(&v) {
                    resp.headers_mut().insert(header::WWW_AUTHENTICATE, v);
                }
            }
            _ => {}
        }
        resp
    }
}

/// A JSON success body that must not be cached (RFC 6749 5.1).
pub fn json_no_store<T: Serialize>(body: &T) -> Response {
    no_store(Json(body).into_response())
}

pub fn no_store(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    resp
}

/// Appends query parameters to a registered redirect URI.
pub fn redirect_with(redirect_uri: &str, params: &[(&str, Option<&str>)]) -> Response {
    match Url::parse(redirect_uri) {
        Ok(mut url) => {
            if params.iter().any(|(_, v)| v.is_some()) {
                let mut q = url.query_pairs_mut();
                for (k, v) in params {
                    if let Some(v) = v {
                        q.append_pair(k, v);
                    }
                }
            }
            // RFC 9700 4.12: 303 so that a POSTed form is not replayed.
            Redirect::to(url.as_str()).into_response()
        }
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// An authorization error sent back to the client, with `iss` (RFC 9207).
pub fn error_redirect(e: &ErrorRedirect, issuer: &str) -> Response {
    redirect_with(
        &e.redirect_uri,
        &[
            ("error", Some(e.error.error.as_str())),
            ("error_description", Some(&e.error.error_description)),
            ("state", e.state.as_deref()),
            ("iss", Some(issuer)),
        ],
    )
}
