//! The store: every SQL statement in Latchkey lives under this module, one file
//! per table or aggregate, as free functions over [`Db`] (a pool) or [`Tx`]
//! (a write transaction). Each statement is one SQL text with `$N`
//! placeholders, which both SQLite and PostgreSQL accept, run through
//! [`on!`]; where the dialects differ, the function forks in place, one arm
//! per backend, so the cost of each difference shows where it arises.
//! Nothing above this module writes SQL or knows the backend.
//!
//! The pages' tower-sessions state is in `web_sessions` ([`web_sessions`]),
//! with the rest of the schema in `migrations/sqlite` and
//! `migrations/postgres` (aligned versions).

pub mod audit;
pub mod clients;
#[cfg(feature = "postgres")]
pub mod copy;
pub mod email_links;
pub mod factors;
pub mod grants;
pub mod group_commit;
pub mod invitations;
pub mod keys;
pub mod maintenance;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod sessions;
pub mod sqlite;
pub mod throttle;
pub mod users;
pub mod web_sessions;

pub(crate) use sqlite::transaction;

use crate::config::Database;

/// A connection pool on one of the two backends. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    /// The embedded default: one file, one instance.
    Sqlite(sqlite::SqliteDb),
    /// Several instances over one database.
    #[cfg(feature = "postgres")]
    Postgres(sqlx::PgPool),
}

/// A write transaction on either backend; dropped without
/// [`Tx::commit`], it rolls back.
pub enum Tx {
    /// Holds the write connection (the in-process write gate) until it ends.
    Sqlite(sqlite::WriteTx),
    #[cfg(feature = "postgres")]
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Tx {
    pub async fn commit(self) -> sqlx::Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            #[cfg(feature = "postgres")]
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// Where a statement runs: on the pool, or inside a transaction. Store
/// functions take `impl Into<Exec>`, so callers pass `&db` or `&mut tx`.
pub enum Exec<'a> {
    Pool(&'a Db),
    Tx(&'a mut Tx),
    /// A read just before a write (the token endpoint's): on SQLite it
    /// runs on the write connection, whose page cache stays warm; on
    /// PostgreSQL, the pool.
    Writer(&'a Db),
}

impl Exec<'_> {
    /// For the statements whose text differs between the dialects.
    fn is_sqlite(&self) -> bool {
        matches!(
            self,
            Exec::Pool(Db::Sqlite(_)) | Exec::Tx(Tx::Sqlite(_)) | Exec::Writer(Db::Sqlite(_))
        )
    }
}

impl<'a> From<&'a Db> for Exec<'a> {
    fn from(db: &'a Db) -> Self {
        Exec::Pool(db)
    }
}

impl<'a> From<&'a mut Tx> for Exec<'a> {
    fn from(tx: &'a mut Tx) -> Self {
        Exec::Tx(tx)
    }
}

/// The same query expression on whichever pool or transaction `$exec` is:
/// one SQL text and one bind chain, type-checked against each driver.
macro_rules! on {
    ($exec:expr, |$p:ident| $e:expr) => {
        match Into::<$crate::db::Exec<'_>>::into($exec) {
            $crate::db::Exec::Pool($crate::db::Db::Sqlite(s)) => {
                let $p = s.pool();
                $e
            }
            $crate::db::Exec::Tx($crate::db::Tx::Sqlite(t)) => match t.conn() {
                Some($p) => $e,
                None => Err(sqlx::Error::PoolClosed.into()),
            },
            $crate::db::Exec::Writer($crate::db::Db::Sqlite(s)) => match s.writer().await {
                Ok(mut slot) => match slot.as_mut() {
                    Some($p) => $e,
                    None => Err(sqlx::Error::PoolClosed.into()),
                },
                Err(e) => Err(e.into()),
            },
            #[cfg(feature = "postgres")]
            $crate::db::Exec::Pool($crate::db::Db::Postgres($p))
            | $crate::db::Exec::Writer($crate::db::Db::Postgres($p)) => $e,
            #[cfg(feature = "postgres")]
            $crate::db::Exec::Tx($crate::db::Tx::Postgres(t)) => {
                let $p = &mut **t;
                $e
            }
        }
    };
}
pub(crate) use on;

/// For tests and tools outside the store: one query expression on
/// whichever pool `$db` (a `&Db`) holds.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, |$p:ident| $e:expr) => {
        match $db {
            $crate::db::Db::Sqlite(s) => {
                let $p = s.pool();
                $e
            }
            #[cfg(feature = "postgres")]
            $crate::db::Db::Postgres($p) => $e,
        }
    };
}

/// Opens and migrates the configured database.
pub async fn connect(database: &Database, max_connections: u32) -> anyhow::Result<Db> {
    match database {
        Database::Sqlite(path) => Ok(Db::Sqlite(sqlite::connect(path).await?)),
        #[cfg(feature = "postgres")]
        Database::Postgres(url) => Ok(Db::Postgres(
            postgres::connect(&url.0, max_connections).await?,
        )),
        #[cfg(not(feature = "postgres"))]
        Database::Postgres(_) => {
            let _ = max_connections;
            anyhow::bail!(
                "this build of Latchkey has no PostgreSQL support (the `postgres` feature)"
            )
        }
    }
}

impl Db {
    /// "sqlite" or "postgres", for `/readyz` and logs.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            #[cfg(feature = "postgres")]
            Db::Postgres(_) => "postgres",
        }
    }

    /// Open connections, for the metrics.
    pub fn size(&self) -> u32 {
        match self {
            Db::Sqlite(p) => p.pool().size(),
            #[cfg(feature = "postgres")]
            Db::Postgres(p) => p.size(),
        }
    }

    /// Idle connections, for the metrics.
    pub fn num_idle(&self) -> usize {
        match self {
            Db::Sqlite(p) => p.pool().num_idle(),
            #[cfg(feature = "postgres")]
            Db::Postgres(p) => p.num_idle(),
        }
    }

    /// Closes every connection (waiting for those in use).
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            #[cfg(feature = "postgres")]
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// Starts a write transaction: on SQLite on the write connection with
/// `BEGIN IMMEDIATE` ([`sqlite::begin_write`]); on PostgreSQL a plain
/// `BEGIN` (READ COMMITTED: every compare-and-set re-checks its `WHERE` on
/// the newest row).
pub async fn begin_write(db: &Db) -> sqlx::Result<Tx> {
    match db {
        Db::Sqlite(p) => Ok(Tx::Sqlite(sqlite::begin_write(p).await?)),
        #[cfg(feature = "postgres")]
        Db::Postgres(p) => Ok(Tx::Postgres(p.begin().await?)),
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

/// A JSON array of strings built in SQL, decoded.
fn json_strings(json: &str) -> sqlx::Result<Vec<String>> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(e.into()))
}

/// Names joined with `,` in SQL (`string_agg`), split and sorted; none is
/// NULL. Sorted here, not by an `ORDER BY` inside the aggregate: SQLite
/// sorts that through a temporary b-tree on every call, and PostgreSQL by
/// the database's collation; this gives both backends one byte order.
fn comma_list(joined: Option<String>) -> Vec<String> {
    let mut names: Vec<String> = joined
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    names.sort_unstable();
    names
}

/// [`comma_list`] joined again, for a header that carries the list.
fn sorted_comma_joined(joined: Option<String>) -> Option<String> {
    joined.map(|j| comma_list(Some(j)).join(","))
}

/// A trivial query, for readiness checks.
pub async fn ping(db: &Db) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query("SELECT 1").execute(p).await.map(|_| ()))
}

/// A unix time for people, to the minute: `2026-12-03 06:40 UTC`.
pub fn utc_text(at: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|t| {
            t.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .ok()
        })
        .unwrap_or_else(|| at.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_lists_come_out_in_one_byte_order_whatever_order_sql_joined_them() {
        let joined = Some("staff,Admins,a.b,admins,a-b".to_string());
        assert_eq!(
            comma_list(joined.clone()),
            ["Admins", "a-b", "a.b", "admins", "staff"]
        );
        assert_eq!(
            sorted_comma_joined(joined).as_deref(),
            Some("Admins,a-b,a.b,admins,staff")
        );
        assert!(comma_list(None).is_empty());
        assert_eq!(sorted_comma_joined(None), None);
    }
}
