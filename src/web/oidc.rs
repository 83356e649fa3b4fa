//! Discovery and the JWKS: public, cacheable, served from memory.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks.json", get(jwks))
}

fn json(body: axum::body::Bytes, max_age: &'static str) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(max_age));
    resp
}

async fn discovery(State(state): State<AppState>) -> Response {
    json(state.discovery.clone(), "public, max-age=3600")
}

async fn jwks(State(state): State<AppState>) -> Response {
    match state.keys.jwks().await {
        Ok(body) => json(body, "public, max-age=300"),
        Err(e) => {
            tracing::error!(error = %e, "cannot load signing keys");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
