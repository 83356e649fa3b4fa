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

use super::group_commit::GroupCommit;

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
    conn: WriteConn,
    /// Refreshes that spend their token in their first read, committed
    /// together when they queue ([`super::group_commit`]).
    refreshes: GroupCommit<super::grants::RefreshJob>,
}

/// The write connection's lock and how to open it.
#[derive(Clone, Debug)]
pub struct WriteConn {
    options: SqliteConnectOptions,
    /// Opened on first use; emptied when a batch fails, so the next use
    /// opens a fresh one (closing rolls back whatever was left open).
    conn: Arc<tokio::sync::Mutex<Option<SqliteConnection>>>,
}

impl WriteConn {
    /// Waits (up to 10 s) for the write connection and opens it if needed.
    async fn lock(&self) -> sqlx::Result<WriterSlot> {
        let mut slot =
            tokio::time::timeout(Duration::from_secs(10), self.conn.clone().lock_owned())
                .await
                .map_err(|_| sqlx::Error::PoolTimedOut)?;
        if slot.is_none() {
            *slot = Some(SqliteConnection::connect_with(&self.options).await?);
        }
        Ok(slot)
    }
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
        self.writer.conn.lock().await
    }

    /// The write connection's lock, for the tests of grouped jobs.
    #[cfg(test)]
    pub(super) fn write_conn(&self) -> &WriteConn {
        &self.writer.conn
    }

    /// Runs a speculative refresh's batch, with any others queued.
    pub(super) async fn group_refresh(
        &self,
        job: super::grants::RefreshJob,
    ) -> sqlx::Result<Vec<sqlx::sqlite::SqliteRow>> {
        self.writer.refreshes.run(&self.writer.conn, job).await
    }

    /// Closes the pool and the write connection.
    pub async fn close(&self) {
        self.pool.close().await;
        if let Some(conn) = self.writer.conn.conn.lock().await.take() {
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
            conn: WriteConn {
                options,
                conn: Arc::new(tokio::sync::Mutex::new(None)),
            },
            refreshes: GroupCommit::default(),
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

/// `sql` with every `$N` placeholder moved up by `by`, for a statement
/// repeated in one batch with its own parameters each time.
pub(super) fn shift_placeholders(sql: &str, by: usize) -> String {
    let mut out = String::with_capacity(sql.len() + sql.len() / 8);
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        out.push(c);
        if c != '$' {
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while let Some(&(j, d)) = chars.peek() {
            if !d.is_ascii_digit() {
                break;
            }
            end = j + 1;
            chars.next();
        }
        match sql[start..end].parse::<usize>() {
            Ok(n) => out.push_str(&(n + by).to_string()),
            Err(_) => out.push_str(&sql[start..end]),
        }
    }
    out
}

/// A statement batch with its binds, for [`write_batch`].
pub type Batch =
    sqlx::query::QueryScalar<'static, sqlx::Sqlite, i64, sqlx::sqlite::SqliteArguments<'static>>;

/// Runs a [`transaction!`] batch in one round trip to the connection's
/// thread, under the write gate, and returns the integer its one SELECT
/// yields (a verdict such as `SELECT changes()`). On a hot path this keeps
/// the write lock for one hand-off instead of one per statement.
///
/// If the request is dropped midway, the write connection is dropped with
/// it: SQLite rolls back whatever the batch left open when the connection
/// closes, and the next writer opens another. (Running the batch in a task
/// of its own would cost a wake-up of another thread on every write.)
pub async fn write_batch(db: &SqliteDb, batch: Batch) -> sqlx::Result<Option<i64>> {
    on_writer(&db.writer.conn, |conn| Box::pin(batch.fetch_all(conn)))
        .await
        .map(|rows| rows.into_iter().next())
}

type BatchFuture<'c, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = sqlx::Result<T>> + Send + 'c>>;

/// Runs `run` (a whole batch, COMMIT included) on the write connection,
/// closing the connection when it fails: a statement after BEGIN may have
/// failed, and closing rolls back whatever it left open.
pub(super) async fn on_writer<T>(
    writer: &WriteConn,
    run: impl for<'c> FnOnce(&'c mut SqliteConnection) -> BatchFuture<'c, T>,
) -> sqlx::Result<T> {
    let mut slot = UntilDone(Some(writer.lock().await?));
    let conn = slot.conn().ok_or(sqlx::Error::PoolClosed)?;
    let result = run(conn).await;
    if result.is_err()
        && let Some(conn) = slot.take_conn()
    {
        let _ = conn.close().await;
    }
    slot.done();
    result
}

/// The write connection while a batch runs: dropped before [`Self::done`]
/// (the request was cancelled), it drops the connection too.
struct UntilDone(Option<WriterSlot>);

impl UntilDone {
    fn conn(&mut self) -> Option<&mut SqliteConnection> {
        self.0.as_mut().and_then(|s| s.as_mut())
    }

    fn take_conn(&mut self) -> Option<SqliteConnection> {
        self.0.as_mut().and_then(|s| s.take())
    }

    fn done(&mut self) {
        self.0 = None;
    }
}

impl Drop for UntilDone {
    fn drop(&mut self) {
        if let Some(slot) = self.0.as_mut() {
            slot.take();
        }
    }
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
