//! `latchkey copy-to`: every row of a SQLite database into an empty,
//! migrated PostgreSQL one, in one target transaction that is committed only
//! after each table's row count matches. The source is read in one read
//! transaction (a consistent snapshot) on a read-only connection.
//!
//! The tables and their column types come from PostgreSQL's catalogue, so a
//! migration that adds a column needs no change here; the schema parity test
//! keeps the two sides alike.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

use sqlx::postgres::PgRow;
use sqlx::sqlite::{SqliteConnectOptions, SqliteRow};
use sqlx::{Connection, PgPool, Row, SqliteConnection};

/// Why a copy did not happen; nothing was written to the target.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("the SQLite database {0} does not exist")]
    NoSource(String),
    #[error(
        "the SQLite database is at migration {source_version}, this Latchkey expects {expected}: run `latchkey migrate` on it first"
    )]
    SourceOutdated { source_version: i64, expected: i64 },
    #[error(
        "the PostgreSQL database is not empty ({table} has {rows} rows): copy into a new, empty database"
    )]
    TargetNotEmpty { table: String, rows: i64 },
    #[error("column {table}.{column} has type {kind}, which copy-to does not know")]
    UnknownType {
        table: String,
        column: String,
        kind: String,
    },
    #[error("the foreign keys between {0} form a cycle")]
    Cycle(String),
    #[error(
        "{table}: {source_rows} rows in SQLite but {target_rows} copied; nothing was committed"
    )]
    CountMismatch {
        table: String,
        source_rows: i64,
        target_rows: i64,
    },
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

/// One copied table and its row count (the same on both sides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub table: String,
    pub rows: i64,
}

/// Rows a migration itself inserts: the target may hold exactly these.
const SEEDED: &[(&str, i64)] = &[("maintenance", 1)];

/// Tables in an order where each comes after the tables it references
/// (`edges` are (table, referenced table)); self-references are fine.
pub fn dependency_order(
    tables: &[String],
    edges: &[(String, String)],
) -> Result<Vec<String>, CopyError> {
    let mut needs: BTreeMap<&str, BTreeSet<&str>> = tables
        .iter()
        .map(|t| (t.as_str(), BTreeSet::new()))
        .collect();
    for (from, to) in edges {
        if from == to || !needs.contains_key(to.as_str()) {
            continue;
        }
        if let Some(n) = needs.get_mut(from.as_str()) {
            n.insert(to.as_str());
        }
    }
    let mut order = Vec::with_capacity(tables.len());
    while !needs.is_empty() {
        let ready: Vec<&str> = needs
            .iter()
            .filter(|(_, n)| n.is_empty())
            .map(|(t, _)| *t)
            .collect();
        if ready.is_empty() {
            let left: Vec<&str> = needs.keys().copied().collect();
            return Err(CopyError::Cycle(left.join(", ")));
        }
        for t in ready {
            needs.remove(t);
            for n in needs.values_mut() {
                n.remove(t);
            }
            order.push(t.to_string());
        }
    }
    Ok(order)
}

/// A column's PostgreSQL type, as far as Latchkey's schema uses them.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Int8,
    Int4,
    Bool,
    Text,
    Bytes,
    Float,
}

impl Kind {
    fn of(udt: &str) -> Option<Kind> {
        Some(match udt {
            "int8" => Kind::Int8,
            "int4" | "int2" => Kind::Int4,
            "bool" => Kind::Bool,
            "text" | "varchar" | "json" | "jsonb" => Kind::Text,
            "bytea" => Kind::Bytes,
            "float8" | "float4" => Kind::Float,
            _ => return None,
        })
    }

    /// The placeholder's cast: JSON columns take text.
    fn cast(udt: &str) -> &'static str {
        match udt {
            "json" => "::json",
            "jsonb" => "::jsonb",
            _ => "",
        }
    }
}

struct Column {
    name: String,
    kind: Kind,
    cast: &'static str,
}

/// A value read from SQLite, to bind on PostgreSQL.
enum Value {
    Int8(Option<i64>),
    Int4(Option<i32>),
    Bool(Option<bool>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
    Float(Option<f64>),
}

fn read(row: &SqliteRow, c: &Column) -> sqlx::Result<Value> {
    let n = c.name.as_str();
    Ok(match c.kind {
        Kind::Int8 => Value::Int8(row.try_get(n)?),
        Kind::Int4 => Value::Int4(row.try_get(n)?),
        Kind::Bool => Value::Bool(row.try_get(n)?),
        Kind::Text => Value::Text(row.try_get(n)?),
        Kind::Bytes => Value::Bytes(row.try_get(n)?),
        Kind::Float => Value::Float(row.try_get(n)?),
    })
}

fn quoted(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// Opens the SQLite file read-only: the copy never writes to its source.
pub async fn open_source(path: &Path) -> Result<SqliteConnection, CopyError> {
    if !path.exists() {
        return Err(CopyError::NoSource(path.display().to_string()));
    }
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .read_only(true)
        .busy_timeout(std::time::Duration::from_secs(10));
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let expected = super::sqlite::MIGRATOR
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    let at: Option<i64> =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut conn)
            .await
            .or_else(|e| match e {
                // Not a Latchkey database at all (or an empty file).
                sqlx::Error::Database(_) => Ok(None),
                e => Err(e),
            })?;
    let at = at.unwrap_or(0);
    if at != expected {
        return Err(CopyError::SourceOutdated {
            source_version: at,
            expected,
        });
    }
    Ok(conn)
}

/// Copies every table of `source` into `target` (migrated, and empty but
/// for what migrations insert), then moves the identity sequences past the
/// copied ids. All or nothing.
pub async fn sqlite_to_postgres(
    source: &mut SqliteConnection,
    target: &PgPool,
) -> Result<Vec<Copied>, CopyError> {
    let mut tx = target.begin().await?;
    // Nobody else writes while we copy (an instance started early would
    // make its signing keys): the emptiness check below stays true.
    sqlx::query("LOCK TABLE signing_keys, users IN EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
           AND table_name NOT LIKE '\\_sqlx%' ORDER BY table_name",
    )
    .fetch_all(&mut *tx)
    .await?;
    let edges: Vec<(String, String)> = sqlx::query_as(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint \
         WHERE contype = 'f' AND connamespace = current_schema()::regnamespace",
    )
    .fetch_all(&mut *tx)
    .await?;
    let order = dependency_order(&tables, &edges)?;

    for table in &order {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {}", quoted(table)))
            .fetch_one(&mut *tx)
            .await?;
        let seeded = SEEDED
            .iter()
            .find(|(t, _)| t == table)
            .map_or(0, |(_, n)| *n);
        if rows > seeded {
            return Err(CopyError::TargetNotEmpty {
                table: table.clone(),
                rows,
            });
        }
        if rows > 0 {
            // The source's own copy of a seeded row replaces it.
            sqlx::query(&format!("DELETE FROM {}", quoted(table)))
                .execute(&mut *tx)
                .await?;
        }
    }

    // One snapshot of the source for every table.
    let mut snapshot = source.begin().await?;
    let mut copied = Vec::with_capacity(order.len());
    for table in &order {
        let columns = columns(&mut tx, table).await?;
        let source_rows = copy_table(&mut snapshot, &mut tx, table, &columns).await?;
        let target_rows: i64 =
            sqlx::query_scalar(&format!("SELECT count(*) FROM {}", quoted(table)))
                .fetch_one(&mut *tx)
                .await?;
        if target_rows != source_rows {
            return Err(CopyError::CountMismatch {
                table: table.clone(),
                source_rows,
                target_rows,
            });
        }
        copied.push(Copied {
            table: table.clone(),
            rows: source_rows,
        });
    }
    snapshot.rollback().await?;

    // Identity columns would otherwise hand out ids the copy already used.
    let identities: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (table, column) in identities {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(COALESCE(max({c}), 0), 1), max({c}) IS NOT NULL) FROM {t}",
            c = quoted(&column),
            t = quoted(&table)
        ))
        .bind(&table)
        .bind(&column)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(copied)
}

async fn columns(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &str,
) -> Result<Vec<Column>, CopyError> {
    let rows: Vec<PgRow> = sqlx::query(
        "SELECT column_name::text AS name, udt_name::text AS udt FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            let name: String = r.try_get("name")?;
            let udt: String = r.try_get("udt")?;
            match Kind::of(&udt) {
                Some(kind) => Ok(Column {
                    name,
                    kind,
                    cast: Kind::cast(&udt),
                }),
                None => Err(CopyError::UnknownType {
                    table: table.to_string(),
                    column: name,
                    kind: udt,
                }),
            }
        })
        .collect()
}

/// Rows per INSERT: well under PostgreSQL's 65535 binds.
fn rows_per_insert(columns: usize) -> usize {
    (30_000 / columns.max(1)).clamp(1, 500)
}

/// Copies one table's rows in multi-row INSERTs; returns the source's count.
async fn copy_table(
    source: &mut SqliteConnection,
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &str,
    columns: &[Column],
) -> Result<i64, CopyError> {
    let source_rows: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {}", quoted(table)))
        .fetch_one(&mut *source)
        .await?;
    if columns.is_empty() || source_rows == 0 {
        return Ok(source_rows);
    }
    let names: Vec<String> = columns.iter().map(|c| quoted(&c.name)).collect();
    let select = format!("SELECT {} FROM {}", names.join(", "), quoted(table));
    let rows: Vec<SqliteRow> = sqlx::query(&select).fetch_all(&mut *source).await?;
    for chunk in rows.chunks(rows_per_insert(columns.len())) {
        let mut values = Vec::with_capacity(chunk.len() * columns.len());
        let mut tuples = Vec::with_capacity(chunk.len());
        for row in chunk {
            let marks: Vec<String> = columns
                .iter()
                .map(|c| {
                    values.push(read(row, c));
                    format!("${}{}", values.len(), c.cast)
                })
                .collect();
            tuples.push(format!("({})", marks.join(", ")));
        }
        let sql = format!(
            "INSERT INTO {} ({}) VALUES {}",
            quoted(table),
            names.join(", "),
            tuples.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for v in values {
            q = match v? {
                Value::Int8(v) => q.bind(v),
                Value::Int4(v) => q.bind(v),
                Value::Bool(v) => q.bind(v),
                Value::Text(v) => q.bind(v),
                Value::Bytes(v) => q.bind(v),
                Value::Float(v) => q.bind(v),
            };
        }
        q.execute(&mut **tx).await?;
    }
    Ok(source_rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn referenced_tables_come_first() {
        let tables = s(&["grants", "clients", "users", "audit"]);
        let edges = vec![
            ("grants".into(), "users".into()),
            ("grants".into(), "clients".into()),
            ("users".into(), "users".into()),
        ];
        let order = dependency_order(&tables, &edges).unwrap();
        let at = |t: &str| order.iter().position(|x| x == t).unwrap();
        assert_eq!(order.len(), 4);
        assert!(at("users") < at("grants"));
        assert!(at("clients") < at("grants"));
    }

    #[test]
    fn a_cycle_is_an_error() {
        let tables = s(&["a", "b"]);
        let edges = vec![("a".into(), "b".into()), ("b".into(), "a".into())];
        assert!(matches!(
            dependency_order(&tables, &edges),
            Err(CopyError::Cycle(_))
        ));
    }
}
