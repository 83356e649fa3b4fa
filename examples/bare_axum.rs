//! The ceiling for discovery, the JWKS and forward auth: a bare axum server
//! returning the same bytes as Latchkey (read from files), with no state,
//! middleware or database. Used by `scripts/bench.sh`.
//!
//! Usage: bare_axum ADDR DISCOVERY_FILE JWKS_FILE

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::Router;
use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::routing::{any, get};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, disc, jwks] = &args[..] else {
        panic!("usage: bare_axum ADDR DISCOVERY_FILE JWKS_FILE");
    };
    let disc = Bytes::from(std::fs::read(disc).unwrap());
    let jwks = Bytes::from(std::fs::read(jwks).unwrap());
    let app = Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(move || {
                let b = disc.clone();
                async move { ([(CONTENT_TYPE, "application/json")], b) }
            }),
        )
        .route(
            "/jwks.json",
            get(move || {
                let b = jwks.clone();
                async move { ([(CONTENT_TYPE, "application/json")], b) }
            }),
        )
        // Forward auth's 200 carries identity headers and no body.
        .route(
            "/auth/nginx",
            any(|| async {
                (
                    [
                        ("remote-user", "fa"),
                        ("remote-email", "fa@example.com"),
                        ("remote-name", "fa"),
                        ("remote-groups", ""),
                    ],
                    "",
                )
            }),
        );
    let listener = tokio::net::TcpListener::bind(addr.as_str()).await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
