#![cfg(feature = "postgres")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

//! The two migration folders describe one schema (issue 13). PostgreSQL
//! starts at version 8 (`migrations/postgres/0008_init.sql` is SQLite's
//! 1..8); from 8 on, version N means the same tables in both. After migrating
//! a fresh PostgreSQL database and a fresh SQLite file, this compares what
//! each engine reports about itself (SQLite's pragmas against pg_catalog):
//! tables, columns in order with mapped types, nullability and defaults,
//! identity keys, primary keys, unique and plain indexes (by column list,
//! partial predicate and name), foreign keys with their actions, CHECK
//! counts, triggers and seeded rows; then that the session triggers of
//! 0008 do the same on both, and that PostgreSQL's change notifications of
//! 0009 fire when they should.
//!
//! Needs a PostgreSQL server: `bash tests/postgres.sh run cargo test --test
//! schema_parity` starts a throw-away one and sets LK_TEST_POSTGRES.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Executor, PgPool, SqlitePool};
use tempfile::TempDir;

static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");
static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// PostgreSQL's first version: SQLite's 1..8 in one file.
const PG_FIRST: i64 = 8;

/// A fresh PostgreSQL database and a fresh SQLite file, both migrated.
struct Databases {
    admin: PgPool,
    name: String,
    pg: PgPool,
    sqlite: SqlitePool,
    _dir: TempDir,
}

impl Databases {
    async fn new() -> Databases {
        static N: AtomicUsize = AtomicUsize::new(0);
        let url = std::env::var("LK_TEST_POSTGRES").unwrap_or_else(|_| {
            panic!(
                "LK_TEST_POSTGRES is not set: this test needs a PostgreSQL server. \
                 Run it as `bash tests/postgres.sh run cargo test --test schema_parity`, \
                 which starts a throw-away server and sets LK_TEST_POSTGRES \
                 (or `eval \"$(bash tests/postgres.sh start)\"` first)."
            )
        });
        let options =
            PgConnectOptions::from_str(&url).expect("LK_TEST_POSTGRES is a postgres:// URL");
        let admin = PgPoolOptions::new()
            .max_connections(2)
            .connect_with(options.clone())
            .await
            .unwrap_or_else(|e| panic!("connecting to LK_TEST_POSTGRES={url}: {e}"));
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "lk_parity_{}_{}_{}",
            std::process::id(),
            nanos,
            N.fetch_add(1, Ordering::SeqCst)
        );
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
        let pg = PgPoolOptions::new()
            .max_connections(4)
            .connect_with(options.database(&name))
            .await
            .unwrap();
        POSTGRES
            .run(&pg)
            .await
            .expect("PostgreSQL migrations apply");

        let dir = tempfile::tempdir().unwrap();
        let sqlite = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(
                SqliteConnectOptions::new()
                    .filename(dir.path().join("parity.db"))
                    .create_if_missing(true)
                    .foreign_keys(true),
            )
            .await
            .unwrap();
        SQLITE.run(&sqlite).await.expect("SQLite migrations apply");
        Databases {
            admin,
            name,
            pg,
            sqlite,
            _dir: dir,
        }
    }

    /// Drops the PostgreSQL database. Called before asserting, so that a
    /// failure leaves nothing behind.
    async fn finish(self) {
        self.pg.close().await;
        self.sqlite.close().await;
        self.admin
            .execute(format!("DROP DATABASE {} WITH (FORCE)", self.name).as_str())
            .await
            .unwrap();
        self.admin.close().await;
    }
}

/// An index as both engines can describe it: key columns (an expression as
/// PostgreSQL prints it, SQLite's NOCASE column as `lower(col)`) and the
/// predicate of a partial index, squashed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Index {
    unique: bool,
    columns: Vec<String>,
    predicate: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    columns: Vec<String>,
    table: String,
    references: Vec<String>,
    on_delete: String,
    on_update: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    name: String,
    /// "integer" (BIGINT or BOOLEAN in PostgreSQL), "text", "blob", "real".
    kind: String,
    /// PostgreSQL's own type, for the BIGINT/BOOLEAN choice.
    pg_type: Option<String>,
    not_null: bool,
    default: Option<String>,
    identity: bool,
}

#[derive(Debug, Default)]
struct Table {
    columns: Vec<Column>,
    primary_key: Vec<String>,
    indexes: BTreeSet<Index>,
    /// Explicitly named indexes (CREATE INDEX in SQLite), by name.
    named_indexes: BTreeMap<String, Index>,
    foreign_keys: BTreeSet<ForeignKey>,
    checks: usize,
    rows: i64,
}

/// Whitespace and parentheses out, lower case: `(retired_at IS NULL)` and
/// `retired_at IS NULL` agree.
fn squash(sql: &str) -> String {
    sql.chars()
        .filter(|c| !c.is_whitespace() && *c != '(' && *c != ')')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Column defaults as literals: PostgreSQL's `'x'::text` and `false` are
/// SQLite's `'x'` and `0`.
fn default_literal(pg: &str) -> String {
    let mut s = pg.trim();
    for cast in [
        "::text",
        "::bigint",
        "::integer",
        "::boolean",
        "::character varying",
    ] {
        if let Some(rest) = s.strip_suffix(cast) {
            s = rest;
        }
    }
    match s {
        "false" => "0".into(),
        "true" => "1".into(),
        s => s.into(),
    }
}

/// CHECK constraints in a CREATE TABLE statement, comments left out.
fn count_checks(sql: &str) -> usize {
    let code: String = sql
        .lines()
        .map(|l| l.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
        .to_uppercase();
    let bytes = code.as_bytes();
    let mut n = 0;
    for (i, _) in code.match_indices("CHECK") {
        let before_ok = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let after_ok = code[i + 5..].trim_start().starts_with('(');
        if before_ok && after_ok {
            n += 1;
        }
    }
    n
}

async fn sqlite_schema(db: &SqlitePool) -> (BTreeMap<String, Table>, BTreeSet<(String, String)>) {
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let mut schema = BTreeMap::new();
    for (name, sql) in tables {
        let mut table = Table::default();
        let columns: Vec<(String, String, i64, Option<String>, i64)> = sqlx::query_as(
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
        )
        .bind(&name)
        .fetch_all(db)
        .await
        .unwrap();
        let mut pk: Vec<(i64, String)> = columns
            .iter()
            .filter(|c| c.4 > 0)
            .map(|c| (c.4, c.0.clone()))
            .collect();
        pk.sort();
        table.primary_key = pk.into_iter().map(|(_, c)| c).collect();

        let fks: Vec<(i64, i64, String, String, Option<String>, String, String)> = sqlx::query_as(
            "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete \
             FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        )
        .bind(&name)
        .fetch_all(db)
        .await
        .unwrap();
        let mut by_id: BTreeMap<i64, ForeignKey> = BTreeMap::new();
        for (id, _, target, from, to, on_update, on_delete) in fks {
            let fk = by_id.entry(id).or_insert_with(|| ForeignKey {
                columns: vec![],
                table: target.clone(),
                references: vec![],
                on_delete,
                on_update,
            });
            fk.columns.push(from);
            // NULL: the referenced table's primary key (none here so far).
            fk.references
                .push(to.unwrap_or_else(|| "<primary key>".into()));
        }
        let fk_columns: BTreeSet<String> = by_id.values().flat_map(|f| f.columns.clone()).collect();
        table.foreign_keys = by_id.into_values().collect();

        // A rowid alias (`x INTEGER PRIMARY KEY`) that is not also a foreign
        // key is assigned by SQLite: PostgreSQL's is an identity.
        let rowid_alias = table.primary_key.len() == 1
            && !sql.to_uppercase().contains("WITHOUT ROWID")
            && columns
                .iter()
                .any(|c| c.0 == table.primary_key[0] && c.1.eq_ignore_ascii_case("INTEGER"))
            && !fk_columns.contains(&table.primary_key[0]);
        for (cname, ty, not_null, default, pk) in &columns {
            let kind = match ty.to_uppercase().as_str() {
                "INTEGER" => "integer",
                "TEXT" => "text",
                "BLOB" => "blob",
                "REAL" => "real",
                other => panic!("{name}.{cname}: SQLite type {other} has no mapping in this test"),
            };
            table.columns.push(Column {
                name: cname.clone(),
                kind: kind.into(),
                pg_type: None,
                // SQLite lets a non-INTEGER PRIMARY KEY column hold NULL unless
                // it says NOT NULL; PostgreSQL's never does. Compared as the
                // intent: a key column is not null.
                not_null: *not_null != 0 || *pk > 0,
                default: default.clone(),
                identity: rowid_alias && *cname == table.primary_key[0],
            });
        }

        let indexes: Vec<(String, i64, String, i64)> =
            sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)")
                .bind(&name)
                .fetch_all(db)
                .await
                .unwrap();
        for (index, unique, origin, partial) in indexes {
            if origin == "pk" {
                continue;
            }
            let keys: Vec<(Option<String>, Option<String>, i64)> = sqlx::query_as(
                "SELECT name, coll, cid FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
            )
            .bind(&index)
            .fetch_all(db)
            .await
            .unwrap();
            let columns = keys
                .into_iter()
                .map(|(col, coll, cid)| match (col, coll) {
                    (Some(col), Some(coll)) if coll.eq_ignore_ascii_case("NOCASE") => {
                        format!("lower({col})")
                    }
                    (Some(col), _) => col,
                    (None, _) => panic!(
                        "{name}: index {index} has an expression key (cid {cid}): extend this test"
                    ),
                })
                .collect();
            let predicate = if partial != 0 {
                let sql: String = sqlx::query_scalar(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                )
                .bind(&index)
                .fetch_one(db)
                .await
                .unwrap();
                let at = sql
                    .to_uppercase()
                    .rfind(" WHERE ")
                    .expect("a partial index has WHERE");
                Some(squash(&sql[at + 7..]))
            } else {
                None
            };
            let key = Index {
                unique: unique != 0,
                columns,
                predicate,
            };
            if origin == "c" {
                table.named_indexes.insert(index, key.clone());
            }
            table.indexes.insert(key);
        }
        table.checks = count_checks(&sql);
        table.rows = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{name}\""))
            .fetch_one(db)
            .await
            .unwrap();
        schema.insert(name, table);
    }
    let triggers: Vec<(String, String)> =
        sqlx::query_as("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
            .fetch_all(db)
            .await
            .unwrap();
    (schema, triggers.into_iter().collect())
}

fn pg_action(code: &str) -> String {
    match code {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        other => panic!("unknown foreign key action {other}"),
    }
    .into()
}

async fn pg_schema(db: &PgPool) -> (BTreeMap<String, Table>, BTreeSet<(String, String)>) {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_sqlx_migrations'",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let mut schema = BTreeMap::new();
    for name in tables {
        let mut table = Table::default();
        let regclass = format!("public.\"{name}\"");
        let columns: Vec<(String, String, bool, Option<String>, String)> = sqlx::query_as(
            "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
                    pg_get_expr(d.adbin, d.adrelid), a.attidentity::text \
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        )
        .bind(&regclass)
        .fetch_all(db)
        .await
        .unwrap();
        for (cname, ty, not_null, default, identity) in columns {
            let kind = match ty.as_str() {
                "bigint" | "boolean" => "integer".to_string(),
                "text" => "text".to_string(),
                "bytea" => "blob".to_string(),
                "double precision" => "real".to_string(),
                // integer (int4), smallint, varchar, timestamps…: not what the
                // rules allow, and never equal to a SQLite kind.
                other => format!("PostgreSQL {other}"),
            };
            table.columns.push(Column {
                name: cname,
                kind,
                pg_type: Some(ty.clone()),
                not_null,
                default: default.as_deref().map(default_literal),
                // Only BY DEFAULT ('d'): a copy must be able to keep ids.
                identity: identity == "d",
            });
            if identity == "a" {
                panic!("{name}: GENERATED ALWAYS AS IDENTITY refuses explicit ids; use BY DEFAULT");
            }
        }

        let indexes: Vec<(String, bool, bool, Option<String>, Vec<String>)> = sqlx::query_as(
            "SELECT ci.relname::text, i.indisunique, i.indisprimary, pg_get_expr(i.indpred, i.indrelid), \
                    ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) \
                          FROM generate_series(1, i.indnkeyatts::int) k ORDER BY k) \
             FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid \
             WHERE i.indrelid = $1::text::regclass",
        )
        .bind(&regclass)
        .fetch_all(db)
        .await
        .unwrap();
        for (index, unique, primary, predicate, columns) in indexes {
            if primary {
                table.primary_key = columns;
                continue;
            }
            let key = Index {
                unique,
                columns,
                predicate: predicate.as_deref().map(squash),
            };
            table.named_indexes.insert(index, key.clone());
            table.indexes.insert(key);
        }

        let fks: Vec<(Vec<String>, String, Vec<String>, String, String)> = sqlx::query_as(
            "SELECT ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) \
                          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), \
                    c.confrelid::regclass::text, \
                    ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) \
                          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o), \
                    c.confdeltype::text, c.confupdtype::text \
             FROM pg_constraint c WHERE c.conrelid = $1::text::regclass AND c.contype = 'f'",
        )
        .bind(&regclass)
        .fetch_all(db)
        .await
        .unwrap();
        table.foreign_keys = fks
            .into_iter()
            .map(|(columns, target, references, del, upd)| ForeignKey {
                columns,
                table: target,
                references,
                on_delete: pg_action(&del),
                on_update: pg_action(&upd),
            })
            .collect();
        let checks: i64 =
            sqlx::query_scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = $1::text::regclass AND contype = 'c'")
                .bind(&regclass)
                .fetch_one(db)
                .await
                .unwrap();
        table.checks = checks as usize;
        table.rows = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{name}\""))
            .fetch_one(db)
            .await
            .unwrap();
        schema.insert(name, table);
    }
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.relname::text, t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal",
    )
    .fetch_all(db)
    .await
    .unwrap();
    (schema, triggers.into_iter().collect())
}

/// Every difference between the two schemas, as sentences.
fn differences(
    sqlite: &BTreeMap<String, Table>,
    pg: &BTreeMap<String, Table>,
    sqlite_triggers: &BTreeSet<(String, String)>,
    pg_triggers: &BTreeSet<(String, String)>,
) -> Vec<String> {
    let mut out = vec![];
    for name in sqlite.keys().filter(|t| !pg.contains_key(*t)) {
        out.push(format!("table {name}: only in SQLite"));
    }
    for name in pg.keys().filter(|t| !sqlite.contains_key(*t)) {
        out.push(format!("table {name}: only in PostgreSQL"));
    }
    for (name, s) in sqlite {
        let Some(p) = pg.get(name) else { continue };
        let s_names: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
        let p_names: Vec<&str> = p.columns.iter().map(|c| c.name.as_str()).collect();
        if s_names != p_names {
            out.push(format!(
                "table {name}: columns SQLite {s_names:?} vs PostgreSQL {p_names:?}"
            ));
        }
        for sc in &s.columns {
            let Some(pc) = p.columns.iter().find(|c| c.name == sc.name) else {
                continue;
            };
            let col = format!("{name}.{}", sc.name);
            if sc.kind != pc.kind {
                out.push(format!(
                    "{col}: SQLite {} vs PostgreSQL {} (INTEGER maps to bigint or boolean, TEXT to text, BLOB to bytea)",
                    sc.kind.to_uppercase(),
                    pc.pg_type.as_deref().unwrap_or("?")
                ));
            }
            if sc.not_null != pc.not_null {
                out.push(format!(
                    "{col}: NOT NULL in {} only",
                    if sc.not_null { "SQLite" } else { "PostgreSQL" }
                ));
            }
            // An identity has no default; SQLite's rowid alias has none either.
            if sc.default != pc.default {
                out.push(format!(
                    "{col}: default SQLite {:?} vs PostgreSQL {:?}",
                    sc.default, pc.default
                ));
            }
            if sc.identity != pc.identity {
                out.push(format!(
                    "{col}: {}",
                    if sc.identity {
                        "SQLite assigns it (rowid alias), PostgreSQL's is no GENERATED BY DEFAULT AS IDENTITY"
                    } else {
                        "an identity in PostgreSQL only"
                    }
                ));
            }
            if pc.pg_type.as_deref() == Some("boolean") {
                let flag_default = matches!(sc.default.as_deref(), Some("0") | Some("1"));
                if !(flag_default || (!sc.not_null && sc.default.is_none())) {
                    out.push(format!(
                        "{col}: boolean in PostgreSQL, but not a 0/1 flag in SQLite"
                    ));
                }
            }
        }
        if s.primary_key != p.primary_key {
            out.push(format!(
                "table {name}: primary key SQLite {:?} vs PostgreSQL {:?}",
                s.primary_key, p.primary_key
            ));
        }
        for i in s.indexes.difference(&p.indexes) {
            out.push(format!("table {name}: index only in SQLite: {i:?}"));
        }
        for i in p.indexes.difference(&s.indexes) {
            out.push(format!("table {name}: index only in PostgreSQL: {i:?}"));
        }
        for (index, key) in &s.named_indexes {
            match p.named_indexes.get(index) {
                Some(pk) if pk == key => {}
                Some(pk) => out.push(format!(
                    "index {index}: SQLite {key:?} vs PostgreSQL {pk:?}"
                )),
                None => out.push(format!(
                    "index {index} on {name}: no PostgreSQL index of that name"
                )),
            }
        }
        for f in s.foreign_keys.difference(&p.foreign_keys) {
            out.push(format!("table {name}: foreign key only in SQLite: {f:?}"));
        }
        for f in p.foreign_keys.difference(&s.foreign_keys) {
            out.push(format!(
                "table {name}: foreign key only in PostgreSQL: {f:?}"
            ));
        }
        if s.checks != p.checks {
            out.push(format!(
                "table {name}: {} CHECK in SQLite vs {} in PostgreSQL",
                s.checks, p.checks
            ));
        }
        if s.rows != p.rows {
            out.push(format!(
                "table {name}: {} rows after migrating SQLite vs {} PostgreSQL",
                s.rows, p.rows
            ));
        }
    }
    // PostgreSQL may have more (0009's notifications); SQLite's must be there.
    for (table, trigger) in sqlite_triggers.difference(pg_triggers) {
        out.push(format!(
            "trigger {trigger} on {table}: no PostgreSQL trigger of that name"
        ));
    }
    out
}

#[tokio::test]
async fn postgres_schema_matches_sqlite() {
    let dbs = Databases::new().await;

    let mut out = vec![];
    let pg_files: BTreeSet<i64> = POSTGRES.iter().map(|m| m.version).collect();
    let sqlite_files: BTreeSet<i64> = SQLITE
        .iter()
        .map(|m| m.version)
        .filter(|v| *v >= PG_FIRST)
        .collect();
    if pg_files.first() != Some(&PG_FIRST) {
        out.push(format!(
            "migrations/postgres starts at {:?}, not {PG_FIRST}",
            pg_files.first()
        ));
    }
    if pg_files != sqlite_files {
        out.push(format!(
            "migration versions from {PG_FIRST}: SQLite {sqlite_files:?} vs PostgreSQL {pg_files:?}"
        ));
    }
    let pg_applied: BTreeSet<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(&dbs.pg)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let sqlite_applied: BTreeSet<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(&dbs.sqlite)
            .await
            .unwrap()
            .into_iter()
            .filter(|v| *v >= PG_FIRST)
            .collect();
    if pg_applied != sqlite_applied {
        out.push(format!("applied versions from {PG_FIRST}: SQLite {sqlite_applied:?} vs PostgreSQL {pg_applied:?}"));
    }

    let (sqlite, sqlite_triggers) = sqlite_schema(&dbs.sqlite).await;
    let (pg, pg_triggers) = pg_schema(&dbs.pg).await;
    out.extend(differences(&sqlite, &pg, &sqlite_triggers, &pg_triggers));
    let tables = sqlite.len();
    dbs.finish().await;

    assert!(
        tables >= 19,
        "only {tables} tables: did the migrations run?"
    );
    assert!(
        out.is_empty(),
        "migrations/postgres and migrations/sqlite disagree:\n  {}",
        out.join("\n  ")
    );
}

/// The same statements on both engines: a login's id rotation carries its
/// grants along, ending the login revokes them, an offline grant stays.
const SESSION_STORY: [&str; 8] = [
    "INSERT INTO users (subject, username, email, created_at, updated_at) VALUES ('s1', 'Alice', 'a@x', 1, 1)",
    "INSERT INTO clients (client_id, name, created_at) VALUES ('c1', 'App', 1)",
    "INSERT INTO browser_sessions (id, user_id, auth_time, amr, created_at, last_seen_at) \
     VALUES ('sessA', 1, 1, '[\"pwd\"]', 1, 1), ('sessC', 1, 1, '[\"pwd\"]', 1, 1)",
    "INSERT INTO grants (id, client_id, user_id, scope, auth_time, amr, acr, session_ref, created_at) VALUES \
     ('g1', 'c1', 1, 'openid', 1, '[]', '0', 'sessA', 1), \
     ('g2', 'c1', 1, 'openid offline_access', 1, '[]', '0', NULL, 1), \
     ('g3', 'c1', 1, 'openid', 1, '[]', '0', 'sessC', 1)",
    "UPDATE browser_sessions SET last_seen_at = 5 WHERE id = 'sessA'",
    "UPDATE browser_sessions SET id = 'sessB', amr = '[\"pwd\",\"otp\"]' WHERE id = 'sessA'",
    "UPDATE browser_sessions SET id = id",
    "DELETE FROM browser_sessions WHERE id = 'sessB'",
];

/// Runs SESSION_STORY on a pool; the grants as (id, session_ref, state).
macro_rules! session_story {
    ($db:expr) => {{
        for sql in SESSION_STORY {
            sqlx::query(sql)
                .execute($db)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let rows: Vec<(String, Option<String>, Option<i64>)> =
            sqlx::query_as("SELECT id, session_ref, revoked_at FROM grants ORDER BY id")
                .fetch_all($db)
                .await
                .unwrap();
        rows.into_iter()
            .map(|(id, session_ref, revoked_at)| {
                let state = match revoked_at {
                    None => "live".to_string(),
                    Some(at) if (now - 5..=now).contains(&at) => "revoked now".to_string(),
                    Some(at) => format!("revoked at {at}, now is {now}"),
                };
                (id, session_ref, state)
            })
            .collect::<Vec<_>>()
    }};
}

#[tokio::test]
async fn session_triggers_agree() {
    let dbs = Databases::new().await;
    let sqlite = session_story!(&dbs.sqlite);
    let pg = session_story!(&dbs.pg);
    dbs.finish().await;
    let expected = vec![
        (
            "g1".to_string(),
            Some("sessB".to_string()),
            "revoked now".to_string(),
        ),
        ("g2".to_string(), None, "live".to_string()),
        (
            "g3".to_string(),
            Some("sessC".to_string()),
            "live".to_string(),
        ),
    ];
    assert_eq!(sqlite, expected, "SQLite");
    assert_eq!(pg, expected, "PostgreSQL");
}

/// Notifications (0009, PostgreSQL only) that are waiting, within `wait`.
async fn notifications(listener: &mut PgListener, wait: Duration) -> usize {
    let mut n = 0;
    while let Ok(note) = tokio::time::timeout(wait, listener.recv()).await {
        assert_eq!(note.unwrap().channel(), "latchkey_identity");
        n += 1;
    }
    n
}

#[tokio::test]
async fn postgres_identity_notifications() {
    let dbs = Databases::new().await;
    let wait = Duration::from_millis(300);
    let mut listener = PgListener::connect_with(&dbs.pg).await.unwrap();
    listener.listen("latchkey_identity").await.unwrap();
    let run = |sql: &'static str| {
        let pg = dbs.pg.clone();
        async move {
            pg.execute(sql)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        }
    };
    let mut seen = vec![];
    run("INSERT INTO users (subject, username, email, created_at, updated_at) VALUES ('s1', 'alice', 'a@x', 1, 1)").await;
    run(
        "INSERT INTO browser_sessions (id, user_id, auth_time, amr, created_at, last_seen_at) \
         VALUES ('a', 1, 1, '[]', 1, 1), ('b', 1, 1, '[]', 1, 1)",
    )
    .await;
    seen.push((
        "inserts of a user and sessions",
        notifications(&mut listener, wait).await,
        0,
    ));
    run("UPDATE browser_sessions SET last_seen_at = 2").await;
    run("UPDATE users SET password_hash = 'x', updated_at = 2").await;
    seen.push((
        "last_seen_at touch, password change",
        notifications(&mut listener, wait).await,
        0,
    ));
    run("BEGIN; DELETE FROM browser_sessions; ROLLBACK").await;
    seen.push((
        "a rolled-back delete",
        notifications(&mut listener, wait).await,
        0,
    ));
    run("UPDATE browser_sessions SET id = 'a2', amr = '[\"otp\"]' WHERE id = 'a'").await;
    seen.push((
        "a session upgrade",
        notifications(&mut listener, wait).await,
        1,
    ));
    run("BEGIN; DELETE FROM browser_sessions WHERE id = 'a2'; DELETE FROM browser_sessions WHERE id = 'b'; \
         UPDATE users SET disabled = TRUE; COMMIT")
        .await;
    seen.push((
        "two deletes and a disable in one transaction",
        notifications(&mut listener, wait).await,
        1,
    ));
    run("INSERT INTO user_groups (user_id, group_name) VALUES (1, 'admins')").await;
    seen.push((
        "a group insert",
        notifications(&mut listener, wait).await,
        1,
    ));
    run("DELETE FROM users").await;
    seen.push((
        "a cascading user delete",
        notifications(&mut listener, wait).await,
        1,
    ));
    drop(listener);
    dbs.finish().await;
    for (what, got, want) in seen {
        assert_eq!(got, want, "notifications after {what}");
    }
}
