//! Which database the suite runs on: SQLite by default, PostgreSQL when
//! `LK_TEST_DATABASE=postgres` (then `LK_TEST_POSTGRES` is a
//! server's URL, as `tests/postgres.sh` sets it). Each test gets a
//! database of its own, copied from a template migrated once per run.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use latchkey::config::{Database, SecretString};
use sqlx::Connection;

/// The fixed sealing key of PostgreSQL test databases (instances share one).
pub const SECRET_KEY: &str = "test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz";

pub fn postgres_url() -> Option<String> {
    match std::env::var("LK_TEST_DATABASE").as_deref() {
        Ok("postgres") => Some(std::env::var("LK_TEST_POSTGRES").unwrap_or_else(|_| {
            panic!("LK_TEST_DATABASE=postgres needs LK_TEST_POSTGRES (run: bash tests/postgres.sh run cargo test)")
        })),
        Ok("sqlite") | Err(_) => None,
        Ok(other) => panic!("LK_TEST_DATABASE={other}: expected sqlite or postgres"),
    }
}

pub fn is_postgres() -> bool {
    postgres_url().is_some()
}

/// The server URL with another database name.
pub fn with_database(server: &str, name: &str) -> String {
    let mut url = url::Url::parse(server).unwrap();
    url.set_path(&format!("/{name}"));
    url.to_string()
}

static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
static NEXT: AtomicU32 = AtomicU32::new(0);

/// An empty, migrated PostgreSQL database of this test's own.
pub async fn fresh_postgres(server: &str) -> String {
    let template = TEMPLATE
        .get_or_init(|| async {
            let name = format!("lk_tpl_{}", std::process::id());
            let mut admin = sqlx::PgConnection::connect(server).await.unwrap();
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                .execute(&mut admin)
                .await
                .unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .unwrap();
            admin.close().await.unwrap();
            let mut conn = sqlx::PgConnection::connect(&with_database(server, &name))
                .await
                .unwrap();
            latchkey::db::postgres::MIGRATOR
                .run(&mut conn)
                .await
                .unwrap();
            conn.close().await.unwrap();
            name
        })
        .await;
    let name = format!(
        "lk_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = sqlx::PgConnection::connect(server).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    with_database(server, &name)
}

/// A fresh database for a test: a file in `dir`, or a PostgreSQL one.
/// PostgreSQL also needs the shared secret key.
pub async fn fresh(dir: &std::path::Path) -> (Database, Option<SecretString>) {
    match postgres_url() {
        None => (Database::Sqlite(dir.join("latchkey.sqlite")), None),
        Some(server) => (
            Database::Postgres(SecretString(fresh_postgres(&server).await)),
            Some(SecretString(SECRET_KEY.into())),
        ),
    }
}

/// The PostgreSQL server of the run, whichever backend the suite is on
/// (`tests/run.sh` starts one for every pass).
pub fn postgres_server() -> Option<String> {
    std::env::var("LK_TEST_POSTGRES").ok()
}

/// A new database with nothing in it, not even migrations.
pub async fn empty_postgres(server: &str) -> String {
    let name = format!(
        "lk_{}_{}_empty",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = sqlx::PgConnection::connect(server).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    with_database(server, &name)
}

/// A PostgreSQL server of a test's own (tests/postgres.sh), for outages
/// that must not touch the run's shared server; stopped and deleted on drop.
pub struct OwnServer {
    pub url: String,
    dir: String,
}

fn postgres_script(args: &[&str]) -> std::process::Output {
    std::process::Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/postgres.sh"))
        .args(args)
        .output()
        .unwrap()
}

impl OwnServer {
    pub fn start() -> OwnServer {
        let out = postgres_script(&["start"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let exports = String::from_utf8_lossy(&out.stdout).to_string();
        let value = |name: &str| {
            exports
                .lines()
                .find_map(|l| l.strip_prefix(&format!("export {name}=")))
                .unwrap_or_else(|| panic!("no {name} in {exports}"))
                .to_string()
        };
        OwnServer {
            url: value("LK_TEST_POSTGRES"),
            dir: value("LK_TEST_POSTGRES_DIR"),
        }
    }

    /// Takes the server down, keeping its data.
    pub fn pause(&self) {
        assert!(postgres_script(&["pause", &self.dir]).status.success());
    }

    pub fn resume(&self) {
        assert!(postgres_script(&["resume", &self.dir]).status.success());
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let _ = postgres_script(&["stop", &self.dir]);
    }
}
