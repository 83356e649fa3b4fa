//! `latchkey serve`

use tokio::net::TcpListener;

use super::CliError;
use crate::app::{self, AppState};
use crate::config::Config;
use crate::db;

pub async fn run(config: Config) -> Result<(), CliError> {
    let first_start = config.database.sqlite_path().is_some_and(|p| !p.exists());
    let listen = config.listen;
    let state = AppState::build(config).await?;
    let listener = TcpListener::bind(listen).await.map_err(|e| {
        CliError(format!(
            "cannot listen on {listen}: {e} (set `listen` or LATCHKEY_LISTEN)"
        ))
    })?;
    tracing::info!(issuer = %state.config.issuer, listen = %listen, "Latchkey is running");
    if first_start || db::users::list(&state.db).await?.is_empty() {
        println!(
            "Latchkey is running at {} (listening on {listen}).",
            state.config.issuer
        );
        println!("Next steps:");
        println!(
            "  1. Add a user:   latchkey user add alice --email alice@example.com --groups admins"
        );
        println!(
            "  2. Add a client: latchkey client add paperless --name Paperless --redirect-uri https://paperless.example.com/accounts/oidc/latchkey/login/callback/"
        );
        println!(
            "  Discovery: {}/.well-known/openid-configuration",
            state.config.issuer.trim_end_matches('/')
        );
    }
    app::spawn_cleanup(state.clone());
    app::spawn_outbox(&state);
    app::spawn_identity_listener(state.clone());
    if let Some(addr) = state.config.metrics_listen {
        let metrics = TcpListener::bind(addr)
            .await
            .map_err(|e| CliError(format!("cannot listen on {addr} for metrics: {e}")))?;
        let router = crate::web::health::metrics_router().with_state(state.clone());
        tokio::spawn(async move {
            if let Err(e) = axum::serve(metrics, router).await {
                tracing::error!(error = %e, "metrics listener failed");
            }
        });
    }
    app::serve(state, listener, shutdown_signal())
        .await
        .map_err(CliError::from_display)
}

/// SIGINT or SIGTERM: stop accepting, let in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
