//! Group commit on the SQLite write connection: the jobs that queue while
//! one transaction runs go together into the next, one `BEGIN IMMEDIATE …
//! COMMIT` and one hand-off to the connection's thread for all of them.
//! Under load a refresh then shares its WAL commit, the tail pages of the
//! tables it appends to and the thread wake-ups with its neighbours; alone,
//! it runs as before, with no added wait.

use std::sync::OnceLock;

use sqlx::sqlite::SqliteRow;
use tokio::sync::{mpsc, oneshot};

use super::sqlite::{WriteConn, on_writer};

/// A statement batch with its binds, as a job adds to it.
pub type Query = sqlx::query::Query<'static, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'static>>;

/// A kind of write that can share a transaction with others of its kind.
pub trait GroupJob: Send + Sync + 'static {
    /// At most this many jobs share a transaction: a power of two.
    const MAX: usize;
    /// The transaction for `n` jobs (1 ≤ n ≤ MAX, a power of two when
    /// queued jobs run together): each job's statements
    /// in turn, numbering their placeholders after the previous job's.
    fn text(n: usize) -> &'static str;
    /// Binds this job's parameters, after the previous jobs'.
    fn bind(&self, query: Query) -> Query;
    /// How many of `rows`, from the first, are this job's.
    fn rows(rows: &[SqliteRow]) -> usize;
}

type Reply = oneshot::Sender<sqlx::Result<Vec<SqliteRow>>>;

/// The queue of one kind of job, drained by a task started on first use.
pub struct GroupCommit<J> {
    queue: OnceLock<mpsc::UnboundedSender<(J, Reply)>>,
}

impl<J> std::fmt::Debug for GroupCommit<J> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit")
            .field("started", &self.queue.get().is_some())
            .finish()
    }
}

impl<J> Default for GroupCommit<J> {
    fn default() -> Self {
        Self {
            queue: OnceLock::new(),
        }
    }
}

impl<J: GroupJob> GroupCommit<J> {
    /// Runs `job` in the next transaction, and returns the rows its
    /// statements yield. The job runs to its end even if the caller stops
    /// waiting: it is then as if the request had ended just after it.
    pub async fn run(&self, conn: &WriteConn, job: J) -> sqlx::Result<Vec<SqliteRow>> {
        let queue = self.queue.get_or_init(|| {
            let (queue, jobs) = mpsc::unbounded_channel();
            tokio::spawn(commit_loop(conn.clone(), jobs));
            queue
        });
        let (reply, answer) = oneshot::channel();
        match queue.send((job, reply)) {
            Ok(()) => answer.await.map_err(|_| sqlx::Error::WorkerCrashed)?,
            // The runtime that ran the loop is gone (a test's, under a Db
            // that outlived it): the job runs alone.
            Err(mpsc::error::SendError((job, _))) => run_alone(conn, &job).await,
        }
    }
}

/// Ends when the queue's sender goes with the last handle on the database.
/// Groups come in powers of two, the largest that the queue fills, so that
/// the connection prepares at most five batch texts (1 to 16 jobs), not
/// one per size: each prepared text holds every statement of its jobs.
async fn commit_loop<J: GroupJob>(conn: WriteConn, mut queue: mpsc::UnboundedReceiver<(J, Reply)>) {
    let mut jobs = Vec::with_capacity(J::MAX);
    loop {
        if jobs.is_empty() {
            if queue.recv_many(&mut jobs, J::MAX).await == 0 {
                return;
            }
        } else {
            // What queued while the last group ran tops this one up.
            while jobs.len() < J::MAX {
                match queue.try_recv() {
                    Ok(job) => jobs.push(job),
                    Err(_) => break,
                }
            }
        }
        let size = 1 << jobs.len().ilog2();
        let mut group: Vec<_> = jobs.drain(..size).collect();
        commit_group(&conn, &mut group).await;
    }
}

/// Runs `jobs` in one transaction and answers each; when that fails for a
/// reason that may be one job's, runs each alone, so that no job fails for
/// another's.
async fn commit_group<J: GroupJob>(conn: &WriteConn, jobs: &mut Vec<(J, Reply)>) {
    if jobs.len() > 1 {
        let mut query = sqlx::query(J::text(jobs.len()));
        for (job, _) in jobs.iter() {
            query = job.bind(query);
        }
        match on_writer(conn, |c| Box::pin(query.fetch_all(c))).await {
            Ok(rows) => return answer_each(rows, jobs),
            Err(e) if is_busy(&e) => {
                // The database stayed locked (the CLI, another process):
                // alone, each would wait as long again.
                let message = e.to_string();
                for (_, reply) in jobs.drain(..) {
                    let _ = reply.send(Err(sqlx::Error::Protocol(message.clone())));
                }
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, jobs = jobs.len(), "a grouped write failed: its jobs run one by one")
            }
        }
    }
    for (job, reply) in jobs.drain(..) {
        let _ = reply.send(run_alone(conn, &job).await);
    }
}

fn answer_each<J: GroupJob>(rows: Vec<SqliteRow>, jobs: &mut Vec<(J, Reply)>) {
    let mut counts = Vec::with_capacity(jobs.len());
    let mut start = 0;
    for _ in jobs.iter() {
        let n = J::rows(rows.get(start..).unwrap_or_default());
        counts.push(n);
        start += n;
    }
    let mut rows = rows.into_iter();
    for ((_, reply), n) in jobs.drain(..).zip(counts) {
        let _ = reply.send(Ok(rows.by_ref().take(n).collect()));
    }
}

async fn run_alone<J: GroupJob>(conn: &WriteConn, job: &J) -> sqlx::Result<Vec<SqliteRow>> {
    let query = job.bind(sqlx::query(J::text(1)));
    on_writer(conn, |c| Box::pin(query.fetch_all(c))).await
}

/// SQLITE_BUSY or SQLITE_LOCKED (with their extended codes), or no write
/// connection in time.
fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(d) => d
            .code()
            .and_then(|c| c.parse::<i32>().ok())
            .is_some_and(|c| matches!(c & 0xff, 5 | 6)),
        _ => false,
    }
}

/// Runs `jobs` as the loop does when they are queued together.
#[cfg(test)]
pub(super) async fn run_together<J: GroupJob>(
    conn: &WriteConn,
    jobs: Vec<J>,
) -> Vec<sqlx::Result<Vec<SqliteRow>>> {
    let mut queued = Vec::new();
    let mut answers = Vec::new();
    for job in jobs {
        let (reply, answer) = oneshot::channel();
        queued.push((job, reply));
        answers.push(answer);
    }
    commit_group(conn, &mut queued).await;
    let mut results = Vec::new();
    for answer in answers {
        results.push(answer.await.unwrap_or(Err(sqlx::Error::WorkerCrashed)));
    }
    results
}

#[cfg(test)]
mod tests {
    use sqlx::Row;

    use super::*;

    /// Stores a name (unique) and yields its rowid and, when asked, the
    /// whole table.
    struct Insert {
        name: &'static str,
        list: bool,
    }

    const INSERT: &str = "INSERT INTO names (name) VALUES ($1); \
         SELECT rowid AS id FROM names WHERE name = $1; \
         SELECT name FROM names WHERE $2 ORDER BY rowid";

    static TEXTS: [OnceLock<String>; 4] = [const { OnceLock::new() }; 4];

    impl GroupJob for Insert {
        const MAX: usize = 4;

        fn text(n: usize) -> &'static str {
            TEXTS[n - 1].get_or_init(|| {
                let jobs: Vec<String> = (0..n)
                    .map(|i| super::super::sqlite::shift_placeholders(INSERT, 2 * i))
                    .collect();
                format!("BEGIN IMMEDIATE; {}; COMMIT", jobs.join("; "))
            })
        }

        fn bind(&self, query: Query) -> Query {
            query.bind(self.name).bind(self.list)
        }

        fn rows(rows: &[SqliteRow]) -> usize {
            // The rowid, then names while the rows are not the next job's.
            1 + rows
                .iter()
                .skip(1)
                .take_while(|r| r.try_get::<String, _>("name").is_ok())
                .count()
        }
    }

    async fn names_table() -> (tempfile::TempDir, super::super::sqlite::SqliteDb) {
        let dir = tempfile::tempdir().unwrap();
        let db = super::super::sqlite::connect(&dir.path().join("t.db"))
            .await
            .unwrap();
        sqlx::query("CREATE TABLE names (name TEXT NOT NULL UNIQUE)")
            .execute(db.pool())
            .await
            .unwrap();
        (dir, db)
    }

    fn ids(results: &[sqlx::Result<Vec<SqliteRow>>]) -> Vec<Option<i64>> {
        results
            .iter()
            .map(|r| {
                r.as_ref()
                    .ok()
                    .map(|rows| rows[0].try_get::<i64, _>("id").unwrap())
            })
            .collect()
    }

    #[tokio::test]
    async fn jobs_queued_together_share_one_transaction_and_get_their_own_rows() {
        let (_dir, db) = names_table().await;
        let jobs = ["a", "b", "c"].map(|name| Insert {
            name,
            list: name == "c",
        });
        let results = run_together(db.write_conn(), jobs.into()).await;
        assert_eq!(ids(&results), [Some(1), Some(2), Some(3)]);
        // Each job sees what the jobs before it in the transaction wrote.
        let listed: Vec<String> = results[2].as_ref().unwrap()[1..]
            .iter()
            .map(|r| r.get("name"))
            .collect();
        assert_eq!(listed, ["a", "b", "c"]);
        assert_eq!(results[0].as_ref().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_job_that_fails_fails_alone() {
        let (_dir, db) = names_table().await;
        let jobs = ["a", "b", "a", "d"].map(|name| Insert { name, list: false });
        let results = run_together(db.write_conn(), jobs.into()).await;
        // The group rolled back; each job then ran alone, and only the
        // second "a" broke the unique constraint.
        assert_eq!(ids(&results), [Some(1), Some(2), None, Some(3)]);
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM names")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(count, 3);
    }

    #[tokio::test]
    async fn queued_jobs_are_answered_through_the_loop_in_order() {
        let (_dir, db) = names_table().await;
        let group = GroupCommit::<Insert>::default();
        let conn = db.write_conn();
        let run = |name, list| group.run(conn, Insert { name, list });
        // Five at once: a group of four, then one (powers of two).
        let (a, b, c, d, e) = tokio::join!(
            run("a", false),
            run("b", true),
            run("c", false),
            run("d", false),
            run("e", true),
        );
        assert_eq!(a.unwrap().len(), 1);
        assert_eq!(b.unwrap().len(), 3);
        assert_eq!(c.unwrap()[0].get::<i64, _>("id"), 3);
        assert_eq!(d.unwrap().len(), 1);
        let e = e.unwrap();
        assert_eq!(e[0].get::<i64, _>("id"), 5);
        assert_eq!(e.len(), 6);
    }

    #[test]
    fn placeholders_move_up_and_nothing_else_changes() {
        use super::super::sqlite::shift_placeholders;
        assert_eq!(
            shift_placeholders("a = $1 AND b IN ($2, $10) AND c = '$' || $", 14),
            "a = $15 AND b IN ($16, $24) AND c = '$' || $"
        );
        assert_eq!(shift_placeholders("é $3", 0), "é $3");
    }
}
