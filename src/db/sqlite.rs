//! What only SQLite needs: connection options, the in-process write gate,
//! and the one-round-trip statement batches of the hot paths.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Opens (creating if missing) and migrates the database: WAL mode, foreign
/// keys on, and a busy timeout so the CLI and the server can write at once.
pub async fn connect(path: &Path) -> anyhow::Result<SqlitePool> {
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

/// In-process writers queue here, in order, for SQLite's single write lock:
/// waiting on it costs nothing, while SQLite's own busy handler polls with
/// sleeps of 1 to 100 ms. The busy timeout still covers other processes
/// (the CLI).
static WRITE_GATE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A write transaction holding the in-process write gate until it ends.
pub struct WriteTx {
    pub(super) tx: sqlx::Transaction<'static, sqlx::Sqlite>,
    _gate: tokio::sync::MutexGuard<'static, ()>,
}

/// `BEGIN IMMEDIATE; <statements>; COMMIT`, for [`write_batch`]: a
/// literal, so the whole transaction is one compile-time string.
macro_rules! transaction {
    ($($body:expr),+ $(,)?) => {
        concat!("BEGIN IMMEDIATE; ", $($body),+, "; COMMIT")
    };
}
pub(crate) use transaction;

/// A statement batch with its binds, for [`write_batch`].
pub type Batch =
    sqlx::query::QueryScalar<'static, sqlx::Sqlite, i64, sqlx::sqlite::SqliteArguments<'static>>;

/// Runs a [`transaction!`] batch in one round trip to the connection's
/// thread, under the write gate, and returns the integer its one SELECT
/// yields (a verdict such as `SELECT changes()`). On a hot path this keeps
/// the write lock for one hand-off instead of one per statement.
///
/// The batch runs in a task of its own: if the request is dropped midway,
/// the batch still ends in COMMIT or ROLLBACK, never leaving a transaction
/// open on a pooled connection.
pub async fn write_batch(db: &SqlitePool, batch: Batch) -> sqlx::Result<Option<i64>> {
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
pub async fn begin_write(db: &SqlitePool) -> sqlx::Result<WriteTx> {
    let gate = tokio::time::timeout(Duration::from_secs(10), WRITE_GATE.lock())
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?;
    let tx = db.begin_with("BEGIN IMMEDIATE").await?;
    Ok(WriteTx { tx, _gate: gate })
}
