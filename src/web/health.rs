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

const READY_WITHIN: std::time::Duration = std::time::Duration::from_secs(2);

/// `ready sqlite` or `ready postgres`: which backend answered, for an
/// operator checking each instance behind a load balancer.
async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    let backend = state.db.backend();
    // Well inside a load balancer's check timeout: a database that is down
    // would otherwise hold the answer for the pool's whole acquire timeout.
    let answer = tokio::time::timeout(READY_WITHIN, crate::db::ping(&state.db))
        .await
        .unwrap_or_else(|_| Err(sqlx::Error::PoolTimedOut));
    match answer {
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
