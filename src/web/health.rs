//! `/healthz` (the process answers) and `/readyz` (the database answers).

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
}

/// `/metrics` in the Prometheus text format: on `metrics_listen` when that
/// is set, and on the main listener only with `metrics_public = true`.
pub fn metrics_router() -> Router<AppState> {
    Router::new().route("/metrics", get(metrics))
}

async fn metrics(State(state): State<AppState>) -> impl axum::response::IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        crate::metrics::render(state.db.size(), state.db.num_idle()),
    )
}

/// `ready sqlite` or `ready postgres`: which backend answered, for an
/// operator checking each instance behind a load balancer.
async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    let backend = state.db.backend();
    match crate::db::ping(&state.db).await {
        Ok(()) => (StatusCode::OK, format!("ready {backend}")),
        Err(e) => {
            tracing::warn!(error = %e, backend, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                format!("database unavailable ({backend})"),
            )
        }
    }
}
