//! Application state and the server's life cycle.

use std::net::SocketAddr;
use std::ops::Deref;
use std::sync::Arc;

use axum::body::Bytes;
use tokio::net::TcpListener;

use crate::auth::password::Passwords;
use crate::config::Config;
use crate::db::{self, Db};
use crate::oidc::discovery;
use crate::oidc::keys::KeyRing;
use crate::secrets::{self, SecretBox};

pub struct Inner {
    pub config: Config,
    pub db: Db,
    pub keys: KeyRing,
    pub passwords: Passwords,
    pub secrets: Arc<SecretBox>,
    pub webauthn: webauthn_rs::Webauthn,
    /// The discovery document, rendered once.
    pub discovery: Bytes,
    pub identities: crate::identity_cache::IdentityCache,
    /// The product name, logo, favicon and accent the pages show.
    pub branding: crate::web::branding::Branding,
    /// SMTP, when `[email]` is configured.
    pub mailer: Option<Arc<crate::email::Mailer>>,
    /// Mail the server sends in the background ([`spawn_outbox`]).
    pub outbox: crate::email::Outbox,
}

/// Shared state, passed to every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Opens the database (migrating it) and loads or creates the keys.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = db::connect(&config.database, config.database_max_connections).await?;
        Self::with_db(config, db).await
    }

    pub async fn with_db(config: Config, db: Db) -> anyhow::Result<Self> {
        let current = match (&config.secret_key, config.secret_key_file()) {
            (Some(k), _) => k.0.clone(),
            (None, Some(key_file)) => {
                // Looked for again after the database: an instance starting
                // at the same time creates the file before it seals anything.
                if !key_file.exists()
                    && db::maintenance::has_sealed_values(&db).await?
                    && !key_file.exists()
                {
                    // A new key could open nothing: refuse instead of locking everyone out.
                    anyhow::bail!(
                        "{} is missing but the database holds values sealed with it: restore it from your backup \
                         (or set secret_key / LATCHKEY_SECRET_KEY_FILE)",
                        key_file.display()
                    );
                }
                secrets::load_or_create_key_file(&key_file).map_err(|e| {
                    anyhow::anyhow!("cannot read or create {}: {e}", key_file.display())
                })?
            }
            // Config::validate refuses this; a second guard costs nothing.
            (None, None) => anyhow::bail!(
                "secret_key is required with a PostgreSQL database (set secret_key or LATCHKEY_SECRET_KEY_FILE)"
            ),
        };
        let previous: Vec<String> = config
            .previous_secret_keys
            .iter()
            .map(|k| k.0.clone())
            .collect();
        let secrets = Arc::new(SecretBox::new(&current, &previous));
        crate::auth::reseal_secrets(&db, &secrets).await?;
        let keys =
            KeyRing::load(db.clone(), config.tokens.id_token_seconds, secrets.clone()).await?;
        let webauthn = crate::auth::passkey::build(&config)?;
        let passwords = Passwords::new(&config.password)?;
        let discovery = Bytes::from(discovery::document(&config));
        let mailer = match &config.email {
            Some(c) => Some(Arc::new(crate::email::Mailer::new(c)?)),
            None => None,
        };
        Ok(Self(Arc::new(Inner {
            mailer,
            outbox: crate::email::Outbox::default(),
            branding: crate::web::branding::Branding::load(&config.branding)?,
            identities: crate::identity_cache::IdentityCache::new(std::time::Duration::from_secs(
                config.forward_auth.cache_seconds,
            )),
            config,
            db,
            keys,
            passwords,
            secrets,
            webauthn,
            discovery,
        })))
    }
}

impl AppState {
    /// Queues a message for the background delivery; returns at once.
    /// `false` when no `[email]` is configured or the address is unusable
    /// (the caller then shows or prints the link instead).
    pub fn send_mail(
        &self,
        to: &str,
        kind: &'static str,
        user: Option<&str>,
        letter: &crate::email::Rendered,
    ) -> bool {
        let Some(mailer) = &self.mailer else {
            return false;
        };
        match mailer.message(to, kind, user, letter) {
            Ok(out) => {
                self.outbox.enqueue(&self.db, out);
                true
            }
            Err(e) => {
                tracing::warn!(kind, error = %e, "cannot send mail");
                false
            }
        }
    }
}

/// Starts sending queued mail, when email is configured.
pub fn spawn_outbox(state: &AppState) {
    if let Some(mailer) = &state.mailer {
        state.outbox.start(mailer.clone(), state.db.clone());
    }
}

/// How often expired rows are purged, across all instances.
const PURGE_EVERY: i64 = 600;

/// Purges expired rows now and then, for the server's lifetime. Every
/// instance asks each minute; the lease row in `maintenance` gives each
/// period to one of them, so several instances purge once, not N times.
pub fn spawn_cleanup(state: AppState) {
    tokio::spawn(async move {
        let me = crate::crypto::random_token();
        // Not at start: the purge's scans would compete with the first
        // requests (and slow every restart as the tables grow).
        let tick = std::time::Duration::from_secs(60);
        let mut every = tokio::time::interval_at(tokio::time::Instant::now() + tick, tick);
        loop {
            every.tick().await;
            let now = db::now();
            match db::maintenance::claim(&state.db, "purge", now, now + PURGE_EVERY, &me).await {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "could not claim the purge");
                    continue;
                }
            }
            let s = &state.config.session;
            match db::maintenance::purge(
                &state.db,
                now,
                s.idle_minutes * 60,
                s.absolute_hours * 3600,
            )
            .await
            {
                Ok(n) if n > 0 => tracing::info!(rows = n, "purged expired rows"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "cleanup failed"),
            }
        }
    });
}

/// On PostgreSQL, clears this instance's forward-auth cache whenever any
/// instance (or the CLI) changes a session, a user or a group, and after
/// every reconnect of the listening connection, since changes made while it
/// was down went unheard. While it is down the cache's TTL bounds how long a
/// change goes unseen. Nothing to do on SQLite: one instance makes every
/// change itself, and the CLI's wait for the TTL is documented.
pub fn spawn_identity_listener(state: AppState) {
    #[cfg(feature = "postgres")]
    if let Db::Postgres(pool) = &state.db {
        let pool = pool.clone();
        tokio::spawn(async move {
            use db::postgres::Heard;
            db::postgres::listen_identity(&pool, |heard| match heard {
                Heard::Subscribed { again } => {
                    state.identities.invalidate();
                    crate::metrics::identity_listener(true, again);
                    if again {
                        tracing::info!("listening for identity changes again");
                    }
                }
                Heard::Changed => state.identities.invalidate(),
                Heard::Lost(error) => {
                    crate::metrics::identity_listener(false, false);
                    tracing::warn!(%error, "identity listener lost; the forward-auth cache's TTL applies until it is back");
                }
            })
            .await;
        });
    }
    #[cfg(not(feature = "postgres"))]
    let _ = state;
}

/// Serves until `shutdown` resolves; in-flight requests then finish.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = crate::web::router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
