//! `latchkey copy-to` (issue 13): a used SQLite database, copied into an
//! empty PostgreSQL one by the real CLI, serves the same logins, keys and
//! tokens there; the SQLite file is unchanged, and a second copy into the
//! now full database is refused without touching it.

use std::io::Write;
use std::process::Stdio;

use latchkey::config::{Database, SecretString};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

/// Rows per table, on whichever pool.
async fn counts(db: &latchkey::db::Db, tables: &[String]) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for t in tables {
        let n: i64 = latchkey::with_pool!(db, |p| sqlx::query_scalar(&format!(
            "SELECT count(*) FROM {t}"
        ))
        .fetch_one(p)
        .await)
        .unwrap();
        out.push((t.clone(), n));
    }
    out
}

fn digest(path: &std::path::Path) -> Vec<u8> {
    use sha2::Digest;
    let mut all = Vec::new();
    for suffix in ["", "-wal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        all.extend(sha2::Sha256::digest(std::fs::read(p).unwrap_or_default()));
    }
    all
}

fn copy_to(app: &TestApp, url: &str) -> std::process::Output {
    let mut child = app
        .cli()
        .args(["copy-to", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{url}").unwrap();
    child.wait_with_output().unwrap()
}

async fn kids(app: &TestApp) -> Vec<String> {
    let jwks: serde_json::Value = app
        .api
        .get(app.url("/jwks.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut kids: Vec<String> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_string())
        .collect();
    kids.sort();
    kids
}

#[tokio::test]
async fn copy_to_moves_a_used_sqlite_database_to_postgresql() {
    let Some(server) = crate::backend::postgres_server() else {
        eprintln!("skipped: no LK_TEST_POSTGRES server (tests/run.sh starts one)");
        return;
    };
    if crate::backend::is_postgres() {
        // The source is a SQLite database: this runs in the SQLite pass.
        return;
    }
    // A SQLite database with a bit of everything.
    let src = TestApp::spawn().await;
    let client = src.add_client("rp").await;
    src.add_user("alice", &["staff", "scanner"]).await;
    let code = src.code(&client, &[], "alice").await;
    let tokens = src.exchange(&client, &code).await;
    let refresh = tokens["refresh_token"].as_str().unwrap().to_string();
    let totp = src.enroll_totp().await;
    src.add_user("bob", &[]).await;
    let file = src.sqlite_file().unwrap();
    let before = digest(&file);
    let tables: Vec<String> = latchkey::with_pool!(&src.state.db, |p| sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite%' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' ORDER BY name"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    let source_counts = counts(&src.state.db, &tables).await;

    // A password in the URL on the command line is refused.
    let target = crate::backend::empty_postgres(&server).await;
    let mut with_password = url::Url::parse(&target).unwrap();
    with_password.set_password(Some("hunter2")).unwrap();
    let out = src
        .cli()
        .args(["copy-to", with_password.as_str()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input"));

    let out = copy_to(&src, &target);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("LATCHKEY_SECRET_KEY_FILE"), "{stdout}");
    assert_eq!(digest(&file), before, "the SQLite file is unchanged");

    // Every table has the same rows on PostgreSQL; the source is served there.
    let key = std::fs::read_to_string(file.with_file_name("secret.key")).unwrap();
    let dst = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.database = Database::Postgres(SecretString(target.clone()));
        c.secret_key = Some(SecretString(key.trim().to_string()));
    })
    .await;
    assert_eq!(dst.state.db.backend(), "postgres");
    assert_eq!(counts(&dst.state.db, &tables).await, source_counts);
    assert_eq!(kids(&dst).await, kids(&src).await, "the same signing keys");

    // The refresh token issued on SQLite works on PostgreSQL.
    let r = dst
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // alice signs in with her password and the TOTP secret sealed on SQLite.
    let page = dst.follow(dst.authorize(&client, &[]).await).await;
    assert_eq!(page.url().path(), "/login");
    let r = dst.follow(dst.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/login/mfa");
    let r = dst
        .submit_mfa("code", &totp_code(&totp.secret, now() + 30))
        .await;
    let back = location(&dst.follow(r).await).unwrap();
    assert!(back.starts_with(&client.redirect), "{back}");
    // New rows get new ids: the identity sequences moved past the copy.
    let carol = dst.add_user("carol", &[]).await;
    let bob = latchkey::db::users::by_username(&dst.state.db, "bob")
        .await
        .unwrap()
        .unwrap();
    assert!(carol.id > bob.id);

    // A second copy into the now full database is refused; nothing changes.
    let full = counts(&dst.state.db, &tables).await;
    let out = copy_to(&src, &target);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not empty"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(counts(&dst.state.db, &tables).await, full);
}
