//! The store: every SQL statement in Latchkey lives under this module, one file
//! per table or aggregate, as free functions over an executor. A PostgreSQL
//! backend would be a sibling of this module; nothing above it writes SQL.
//!
//! The pages' tower-sessions state is in `web_sessions` ([`web_sessions`]),
//! with the rest of the schema in `migrations/`.

pub mod audit;
pub mod clients;
pub mod factors;
pub mod grants;
pub mod keys;
pub mod maintenance;
pub mod sessions;
pub mod throttle;
pub mod users;
pub mod web_sessions;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

pub type Db = SqlitePool;

/// Opens (creating if missing) and migrates the database: WAL mode, foreign
/// keys on, and a busy timeout so the CLI and the server can write at once.
pub async fn connect(path: &Path) -> anyhow::Result<Db> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let existed = path.exists();
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // Deleted rows (spent enrollment state, old sessions) are zeroed on
        // disk instead of lingering in free pages.
        .pragma("secure_delete", "ON")
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    if !existed {
        restrict_permissions(path);
    }
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// The database holds password hashes and keys: owner-only access.
fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
            tracing::warn!(error = %e, "could not restrict database file permissions");
        }
    }
}

/// Current unix time in seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// True when the error is a UNIQUE or PRIMARY KEY violation.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// A JSON array of strings built in SQL (`json_group_array`), decoded.
fn json_strings(json: &str) -> sqlx::Result<Vec<String>> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(e.into()))
}

/// A trivial query, for readiness checks.
pub async fn ping(db: &Db) -> sqlx::Result<()> {
    sqlx::query("SELECT 1").execute(db).await.map(|_| ())
}

/// In-process writers queue here, in order, for SQLite's single write lock:
/// waiting on it costs nothing, while SQLite's own busy handler polls with
/// sleeps of 1 to 100 ms. The busy timeout still covers other processes
/// (the CLI).
static WRITE_GATE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A write transaction holding the in-process write gate until it ends.
pub struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Sqlite>,
    _gate: tokio::sync::MutexGuard<'static, ()>,
}

impl WriteTx {
    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::SqliteConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

/// `BEGIN IMMEDIATE; <statements>; COMMIT`, for [`write_batch`]: a
/// literal, so the whole transaction is one compile-time string.
macro_rules! transaction {
    ($($body:expr),+ $(,)?) => {
        concat!("BEGIN IMMEDIATE; ", $($body),+, "; COMMIT")
    };
}
pub(crate) use transaction;

/// Runs a [`transaction!`] batch in one round trip to the connection's
/// thread, under the write gate, and returns the integer its one SELECT
/// yields (a verdict such as `SELECT changes()`). On a hot path this keeps
/// the write lock for one hand-off instead of one per statement.
///
/// The batch runs in a task of its own: if the request is dropped midway,
/// the batch still ends in COMMIT or ROLLBACK, never leaving a transaction
/// open on a pooled connection.
pub async fn write_batch(
    db: &Db,
    batch: sqlx::query::QueryScalar<
        'static,
        sqlx::Sqlite,
        i64,
        sqlx::sqlite::SqliteArguments<'static>,
    >,
) -> sqlx::Result<Option<i64>> {
    let db = db.clone();
    tokio::spawn(async move {
        let _gate = tokio::time::timeout(Duration::from_secs(10), WRITE_GATE.lock())
            .await
            .map_err(|_| sqlx::Error::PoolTimedOut)?;
        let mut conn = db.acquire().await?;
        // fetch_all runs every statement to the end, COMMIT included.
        match batch.fetch_all(&mut *conn).await {
            Ok(rows) => Ok(rows.into_iter().next()),
            Err(e) => {
                // A statement after BEGIN may have failed: closing the
                // connection rolls back whatever it left open. (Rare: the
                // pool opens another.)
                conn.close_on_drop();
                Err(e)
            }
        }
    })
    .await
    .map_err(|_| sqlx::Error::WorkerCrashed)?
}

/// Starts a write transaction. `BEGIN IMMEDIATE` takes the write lock up
/// front (waiting up to the busy timeout); a deferred transaction that reads
/// first and writes later fails at once with "database is locked" when
/// another connection wrote in between, and no timeout helps it.
pub async fn begin_write(db: &Db) -> sqlx::Result<WriteTx> {
    let gate = tokio::time::timeout(Duration::from_secs(10), WRITE_GATE.lock())
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?;
    let tx = db.begin_with("BEGIN IMMEDIATE").await?;
    Ok(WriteTx { tx, _gate: gate })
}
