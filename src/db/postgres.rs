//! What only PostgreSQL needs: the pool and its migrations.

use std::str::FromStr;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// PostgreSQL's migrations start at version 8, SQLite's schema after its
/// eighth migration; from there on, version N is the same tables in both.
/// An instance of an older release beside a newer one (a rolling upgrade)
/// tolerates migrations it does not know.
pub static MIGRATOR: sqlx::migrate::Migrator = {
    let mut m = sqlx::migrate!("./migrations/postgres");
    m.ignore_missing = true;
    m
};

/// Connects and migrates.
pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<PgPool> {
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| anyhow::anyhow!("database: not a usable PostgreSQL URL: {e}"))?
        .application_name("latchkey");
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        // Connections are renewed now and then, so a failover or a
        // pooler's restart is picked up.
        .max_lifetime(Duration::from_secs(30 * 60))
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// The triggers Latchkey's behaviour depends on (`latchkey check`).
pub const TRIGGERS: &[&str] = &[
    "browser_session_id_rotated",
    "browser_session_ended",
    "browser_sessions_identity",
    "users_identity",
    "user_groups_identity",
];
