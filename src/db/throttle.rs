//! SQL for `throttle`: failure counters with a lock time, per key.

use sqlx::FromRow;

#[cfg(feature = "postgres")]
use super::{Db, Tx};
use super::{Exec, now, on};

#[derive(Debug, Clone, FromRow)]
pub struct KeyedThrottle {
    pub key: String,
    pub locked_until: i64,
}

/// The rows of up to two keys, in one statement (a login checks the
/// account and the address together).
pub async fn get_pair(
    db: impl Into<Exec<'_>>,
    first: &str,
    second: &str,
) -> sqlx::Result<Vec<KeyedThrottle>> {
    on!(db, |p| sqlx::query_as(
        "SELECT key, locked_until FROM throttle WHERE key IN ($1, $2)"
    )
    .bind(first)
    .bind(second)
    .fetch_all(p)
    .await)
}

/// Counts a failure; returns the new count.
pub async fn record_failure(db: impl Into<Exec<'_>>, key: &str) -> sqlx::Result<i64> {
    let t = now();
    let failures: i64 = on!(db, |p| {
        sqlx::query_scalar(
        "INSERT INTO throttle (key, failures, updated_at) VALUES ($1, 1, $2) \
         ON CONFLICT (key) DO UPDATE SET failures = throttle.failures + 1, updated_at = $2 RETURNING failures",
    )
    .bind(key)
    .bind(t)
.fetch_one(p)
.await
    })?;
    Ok(failures)
}

pub async fn lock_until(db: impl Into<Exec<'_>>, key: &str, until: i64) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "UPDATE throttle SET locked_until = $1 WHERE key = $2"
    )
    .bind(until)
    .bind(key)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Deletes `key`; returns 1 when it held failures (a row that a success
/// set back to zero counts as nothing to clear).
pub async fn clear(db: impl Into<Exec<'_>>, key: &str) -> sqlx::Result<u64> {
    let held: Vec<bool> = on!(db, |p| sqlx::query_scalar(
        "DELETE FROM throttle WHERE key = $1 RETURNING failures > 0"
    )
    .bind(key)
    .fetch_all(p)
    .await)?;
    Ok(held.into_iter().filter(|h| *h).count() as u64)
}

/// One counter an attempt is charged to, for [`reserve`].
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    pub key: &'a str,
    /// Hard key: failures before a lock. Window key: failures in the window
    /// before the batch's strict keys lose their free failures.
    pub free: i64,
    /// Hard key: the first lock, in seconds (it doubles, up to `max_lock`).
    pub base: i64,
    /// 0 for a hard key (refuses while locked); else the window, in
    /// seconds, of a key that counts but never refuses.
    pub window: i64,
    /// Hard key: no free failures while a window key of the batch is over
    /// its `free`.
    pub strict: bool,
}

/// What [`reserve`] counted for one key.
#[derive(Debug, Clone, FromRow)]
pub struct Reserved {
    pub key: String,
    pub failures: i64,
    pub locked_until: i64,
}

/// `SELECT $a, $b, …` rows joined by `UNION ALL`: `rows` rows of `width`
/// numbered placeholders, starting after `first`.
fn values_table(rows: usize, width: usize, first: usize) -> String {
    (0..rows)
        .map(|r| {
            let marks: Vec<String> = (0..width)
                .map(|c| format!("${}", first + r * width + c + 1))
                .collect();
            format!("SELECT {}", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

/// Counts an attempt on every key of `claims` before it is checked, in one
/// statement (so concurrent attempts each see the others' counts): nothing
/// is counted, and nothing returned, when a hard key is locked. Otherwise
/// the new counts, with the lock a hard key now holds should this attempt
/// fail (set now, so concurrent attempts wait; a success lifts it).
pub async fn reserve(
    db: impl Into<Exec<'_>>,
    at: i64,
    max_lock: i64,
    claims: &[Claim<'_>],
) -> sqlx::Result<Vec<Reserved>> {
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    match db.into() {
        #[cfg(feature = "postgres")]
        Exec::Pool(Db::Postgres(pool)) => {
            let mut tx = Tx::Postgres(pool.begin().await?);
            let keys: Vec<&str> = claims.iter().map(|c| c.key).collect();
            lock_keys(&mut tx, &keys).await?;
            let rows = reserve_now(&mut tx, at, max_lock, claims).await?;
            tx.commit().await?;
            Ok(rows)
        }
        #[cfg(feature = "postgres")]
        Exec::Tx(tx @ Tx::Postgres(_)) => {
            let keys: Vec<&str> = claims.iter().map(|c| c.key).collect();
            lock_keys(&mut *tx, &keys).await?;
            reserve_now(tx, at, max_lock, claims).await
        }
        exec => reserve_now(exec, at, max_lock, claims).await,
    }
}

/// PostgreSQL only: holds every key of `keys` until the transaction ends,
/// taken in one order so two writers cannot deadlock. READ COMMITTED reads
/// a statement's rows as they were when it began, so without this two
/// concurrent [`reserve`]s would both count on from the same value (and
/// both see no lock). SQLite needs none: its writes take turns.
#[cfg(feature = "postgres")]
async fn lock_keys(tx: &mut Tx, keys: &[&str]) -> sqlx::Result<()> {
    let Tx::Postgres(t) = tx else {
        return Ok(());
    };
    let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    sqlx::query(
        "SELECT pg_advisory_xact_lock(h) FROM \
         (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS s",
    )
    .bind(keys)
    .execute(&mut **t)
    .await
    .map(|_| ())
}

/// The statement behind [`reserve`], once its keys are held.
async fn reserve_now(
    exec: impl Into<Exec<'_>>,
    at: i64,
    max_lock: i64,
    claims: &[Claim<'_>],
) -> sqlx::Result<Vec<Reserved>> {
    let exec = exec.into();
    // SQLite's two-argument MIN is PostgreSQL's LEAST.
    let least = if exec.is_sqlite() { "MIN" } else { "LEAST" };
    // Window keys keep their window while it is open and start a new one
    // otherwise; `busy` is whether any window key is over its free count.
    let sql = format!(
        "WITH t(now, max_lock) AS (SELECT $1, $2), \
         claim(key, free, base, win, strict) AS ({}), \
         busy(b) AS (SELECT count(*) > 0 FROM claim JOIN throttle th ON th.key = claim.key, t \
           WHERE claim.win > 0 AND th.window_start > t.now - claim.win AND th.failures >= claim.free), \
         nxt AS (SELECT claim.key, claim.win, claim.base, t.now, t.max_lock, \
             th.window_start AS ws, COALESCE(th.locked_until, 0) AS lu, \
             CASE WHEN claim.win = 0 THEN COALESCE(th.failures, 0) + 1 \
                  WHEN th.window_start > t.now - claim.win THEN th.failures + 1 ELSE 1 END AS n, \
             CASE WHEN claim.strict AND busy.b THEN 0 ELSE claim.free END AS f \
           FROM claim CROSS JOIN t CROSS JOIN busy LEFT JOIN throttle th ON th.key = claim.key) \
         INSERT INTO throttle (key, failures, locked_until, updated_at, window_start) \
         SELECT key, n, \
           CASE WHEN win = 0 AND n > f THEN now + {least}(base << CAST({least}(n - f - 1, 20) AS INTEGER), max_lock) ELSE 0 END, \
           now, CASE WHEN win > 0 AND ws > now - win THEN ws ELSE now END \
         FROM nxt WHERE NOT EXISTS (SELECT 1 FROM nxt WHERE win = 0 AND lu > now) \
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, \
           locked_until = excluded.locked_until, updated_at = excluded.updated_at, \
           window_start = excluded.window_start \
         RETURNING key, failures, locked_until",
        values_table(claims.len(), 5, 2)
    );
    on!(exec, |p| {
        let mut q = sqlx::query_as(&sql).bind(at).bind(max_lock);
        for c in claims {
            q = q
                .bind(c.key)
                .bind(c.free)
                .bind(c.base)
                .bind(c.window)
                .bind(c.strict);
        }
        q.fetch_all(p).await
    })
}

/// Takes `minus` failures off each key (not below zero), and lifts its
/// lock when `unlock`: a refund or a success, in one statement.
pub async fn refund(db: impl Into<Exec<'_>>, keys: &[(&str, i64, bool)]) -> sqlx::Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    match db.into() {
        // Under the same key locks as `reserve`, so the two cannot deadlock.
        #[cfg(feature = "postgres")]
        Exec::Pool(Db::Postgres(pool)) => {
            let mut tx = Tx::Postgres(pool.begin().await?);
            let names: Vec<&str> = keys.iter().map(|k| k.0).collect();
            lock_keys(&mut tx, &names).await?;
            refund_now(&mut tx, keys).await?;
            tx.commit().await
        }
        exec => refund_now(exec, keys).await,
    }
}

async fn refund_now(db: impl Into<Exec<'_>>, keys: &[(&str, i64, bool)]) -> sqlx::Result<()> {
    let exec = db.into();
    let greatest = if exec.is_sqlite() { "MAX" } else { "GREATEST" };
    let sql = format!(
        "WITH r(key, minus, unlock) AS ({}) \
         UPDATE throttle SET \
           failures = {greatest}(failures - (SELECT minus FROM r WHERE r.key = throttle.key), 0), \
           locked_until = CASE WHEN (SELECT unlock FROM r WHERE r.key = throttle.key) \
             THEN 0 ELSE locked_until END \
         WHERE key IN (SELECT key FROM r)",
        values_table(keys.len(), 3, 0)
    );
    on!(exec, |p| {
        let mut q = sqlx::query(&sql);
        for (key, minus, unlock) in keys {
            q = q.bind(*key).bind(*minus).bind(*unlock);
        }
        q.execute(p).await.map(|_| ())
    })
}

/// `$a, $b, …`: one numbered mark per key, starting after `first` (at
/// least one).
fn key_marks(n: usize, first: usize) -> String {
    (0..n.max(1))
        .map(|i| format!("${}", first + i + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The latest `locked_until` among `keys` (0 when none is locked).
pub async fn latest_lock(db: impl Into<Exec<'_>>, keys: &[&str]) -> sqlx::Result<i64> {
    let sql = format!(
        "SELECT COALESCE(MAX(locked_until), 0) FROM throttle WHERE key IN ({})",
        key_marks(keys.len(), 0)
    );
    on!(db, |p| {
        let mut q = sqlx::query_scalar(&sql);
        if keys.is_empty() {
            q = q.bind("");
        }
        for k in keys {
            q = q.bind(*k);
        }
        q.fetch_one(p).await
    })
}

/// A throttle row an unlock removed.
#[derive(Debug, Clone, FromRow)]
pub struct Cleared {
    pub key: String,
    pub failures: i64,
    pub locked_until: i64,
}

/// Deletes the exact `keys` and every key that starts with `prefix` and
/// ends with `suffix` (both compared literally, no pattern), returning
/// what they held. The one statement behind both unlocks.
pub async fn clear_matching(
    db: impl Into<Exec<'_>>,
    keys: &[&str],
    prefix: &str,
    suffix: &str,
) -> sqlx::Result<Vec<Cleared>> {
    let sql = format!(
        "DELETE FROM throttle WHERE key IN ({}) \
         OR (length($1) > 0 AND length(key) >= length($1) + length($2) \
             AND substr(key, 1, length($1)) = $1 \
             AND substr(key, length(key) - length($2) + 1) = $2) \
         RETURNING key, failures, locked_until",
        key_marks(keys.len(), 2)
    );
    on!(db, |p| {
        let mut q = sqlx::query_as(&sql).bind(prefix).bind(suffix);
        if keys.is_empty() {
            q = q.bind("");
        }
        for k in keys {
            q = q.bind(*k);
        }
        q.fetch_all(p).await
    })
}
