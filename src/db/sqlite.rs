//! What only SQLite needs: connection options, the write connection (the
//! in-process write gate),
//! and the one-round-trip statement batches of the hot paths.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use std::sync::Arc;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
    SqliteTransactionManager,
};
use sqlx::{Connection, SqliteConnection, SqlitePool, TransactionManager};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The pool that reads, and the one connection that writes.
///
/// Every in-process write goes through [`SqliteDb::writer`], which is also
/// the write gate: writers queue on its lock, in order, for SQLite's single
/// write lock, where waiting costs nothing (SQLite's own busy handler polls
/// with sleeps of 1 to 100 ms; its busy timeout still covers the CLI).
/// Owning the connection keeps its page cache warm: in WAL mode a
/// connection drops its whole cache whenever another one has written, so
/// pooled readers re-read every page after each write, and the writer
/// never does. The token endpoint's reads ([`super::Exec::Writer`]) run
/// there too, just before the write they lead to.
#[derive(Clone, Debug)]
pub struct SqliteDb {
    pool: SqlitePool,
    writer: Arc<Writer>,
}

#[derive(Debug)]
struct Writer {
    options: SqliteConnectOptions,
    /// Opened on first use; emptied when a batch fails, so the next use
    /// opens a fresh one (closing rolls back whatever was left open).
    conn: Arc<tokio::sync::Mutex<Option<SqliteConnection>>>,
}

/// The locked write connection.
pub type WriterSlot = tokio::sync::OwnedMutexGuard<Option<SqliteConnection>>;

impl SqliteDb {
    /// The read pool.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Waits (up to 10 s) for the write connection and opens it if needed.
    pub async fn writer(&self) -> sqlx::Result<WriterSlot> {
        let mut slot = tokio::time::timeout(
            Duration::from_secs(10),
            self.writer.conn.clone().lock_owned(),
        )
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?;
        if slot.is_none() {
            *slot = Some(SqliteConnection::connect_with(&self.writer.options).await?);
        }
        Ok(slot)
    }

    /// Closes the pool and the write connection.
    pub async fn close(&self) {
        self.pool.close().await;
        if let Some(conn) = self.writer.conn.lock().await.take() {
            let _ = conn.close().await;
        }
    }
}

/// Opens (creating if missing) and migrates the database: WAL mode, foreign
/// keys on, and a busy timeout so the CLI and the server can write at once.
pub async fn connect(path: &Path) -> anyhow::Result<SqliteDb> {
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
    // Four readers: on two cores more only add threads, and each one's
    // cache is dropped at every write.
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        // A file connection cannot go stale, and sqlx's test is a round trip
        // to the connection's thread before every statement.
        .test_before_acquire(false)
        .connect_with(options.clone())
        .await?;
    if !existed {
        restrict_permissions(path);
    }
    MIGRATOR.run(&pool).await?;
    Ok(SqliteDb {
        pool,
        writer: Arc::new(Writer {
            options,
            conn: Arc::new(tokio::sync::Mutex::new(None)),
        }),
    })
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

/// A write transaction on the write connection, holding it until it ends;
/// dropped without [`WriteTx::commit`], it rolls back.
pub struct WriteTx {
    slot: WriterSlot,
    open: bool,
}

impl WriteTx {
    /// The connection, for [`super::on!`]; `None` never happens (a
    /// transaction starts only on an open connection).
    pub(super) fn conn(&mut self) -> Option<&mut SqliteConnection> {
        self.slot.as_mut()
    }

    pub async fn commit(mut self) -> sqlx::Result<()> {
        let conn = self.slot.as_mut().ok_or(sqlx::Error::PoolClosed)?;
        SqliteTransactionManager::commit(conn).await?;
        self.open = false;
        Ok(())
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        if self.open
            && let Some(conn) = self.slot.as_mut()
        {
            // Queued ahead of whatever the next holder sends.
            SqliteTransactionManager::start_rollback(conn);
        }
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
pub async fn write_batch(db: &SqliteDb, batch: Batch) -> sqlx::Result<Option<i64>> {
    let db = db.clone();
    tokio::spawn(async move {
        let mut slot = db.writer().await?;
        let conn = slot.as_mut().ok_or(sqlx::Error::PoolClosed)?;
        // fetch_all runs every statement to the end, COMMIT included.
        match batch.fetch_all(&mut *conn).await {
            Ok(rows) => Ok(rows.into_iter().next()),
            Err(e) => {
                // A statement after BEGIN may have failed: closing the
                // connection rolls back whatever it left open. (Rare: the
                // next writer opens another.)
                if let Some(conn) = slot.take() {
                    let _ = conn.close().await;
                }
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
pub async fn begin_write(db: &SqliteDb) -> sqlx::Result<WriteTx> {
    let mut slot = db.writer().await?;
    let conn = slot.as_mut().ok_or(sqlx::Error::PoolClosed)?;
    SqliteTransactionManager::begin(conn, Some("BEGIN IMMEDIATE".into())).await?;
    Ok(WriteTx { slot, open: true })
}
