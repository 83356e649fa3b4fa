//! What only PostgreSQL needs: the pool, its migrations, and the listener
//! that tells each instance of identity changes made by the others.

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

/// The channel the identity triggers of migration 0009 notify.
const IDENTITY_CHANNEL: &str = "latchkey_identity";

/// What the identity listener hears, for [`listen_identity`]'s caller.
#[derive(Debug)]
pub enum Heard {
    /// Listening (again): whatever changed while it was not is unknown.
    Subscribed { again: bool },
    /// A session, user or group changed somewhere in the cluster.
    Changed,
    /// The listening connection failed or closed; it is opened again.
    Lost(String),
}

/// LISTENs for identity changes on one connection of its own (not one of
/// the pool's), reporting each to `heard`, and opens a new connection after
/// any loss, with a growing pause between tries. Returns when the pool
/// closes (the server is stopping).
pub async fn listen_identity(pool: &PgPool, mut heard: impl FnMut(Heard)) {
    const FIRST_PAUSE: Duration = Duration::from_millis(250);
    let mut pause = FIRST_PAUSE;
    let mut again = false;
    loop {
        let subscribed = async {
            let mut l = sqlx::postgres::PgListener::connect_with(pool).await?;
            l.listen(IDENTITY_CHANNEL).await?;
            Ok::<_, sqlx::Error>(l)
        };
        let mut listener = match subscribed.await {
            Ok(l) => l,
            Err(sqlx::Error::PoolClosed) => return,
            Err(e) => {
                heard(Heard::Lost(e.to_string()));
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(10));
                continue;
            }
        };
        pause = FIRST_PAUSE;
        heard(Heard::Subscribed { again });
        again = true;
        loop {
            match listener.try_recv().await {
                Ok(Some(_)) => heard(Heard::Changed),
                Ok(None) => {
                    heard(Heard::Lost("the connection closed".into()));
                    break;
                }
                Err(sqlx::Error::PoolClosed) => return,
                Err(e) => {
                    heard(Heard::Lost(e.to_string()));
                    break;
                }
            }
        }
    }
}
