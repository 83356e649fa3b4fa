//! Several instances over one database (issue 13): what must hold on
//! either backend (one purge per period, one key per algorithm), and, on
//! PostgreSQL, a login that moves between instances.

use latchkey::AppState;
use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn each_purge_period_goes_to_one_instance() {
    let app = TestApp::spawn().await;
    let now = latchkey::db::now();
    let claims = (0..8).map(|i| {
        let db = app.state.db.clone();
        tokio::spawn(async move {
            latchkey::db::maintenance::claim(&db, "purge", now, now + 600, &format!("i{i}"))
                .await
                .unwrap()
        })
    });
    let mut won = 0;
    for c in claims {
        won += usize::from(c.await.unwrap());
    }
    assert_eq!(won, 1, "one of eight concurrent claims wins the period");
    let db = &app.state.db;
    assert!(
        !latchkey::db::maintenance::claim(db, "purge", now + 599, now + 1200, "x")
            .await
            .unwrap()
    );
    assert!(
        latchkey::db::maintenance::claim(db, "purge", now + 600, now + 1200, "x")
            .await
            .unwrap()
    );
    assert!(
        !latchkey::db::maintenance::claim(db, "nope", now + 600, now + 1200, "x")
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn instances_starting_together_make_one_key_per_algorithm() {
    let dir = tempfile::tempdir().unwrap();
    let (database, secret_key) = crate::backend::fresh(dir.path()).await;
    let config = latchkey::config::Config {
        database,
        secret_key,
        ..latchkey::config::Config::default()
    };
    // Migrated first: SQLite's migrator, unlike PostgreSQL's, takes no
    // lock (one instance per file); the race here is the keys'.
    latchkey::db::connect(&config.database, 1)
        .await
        .unwrap()
        .close()
        .await;
    let starts: Vec<_> = (0..3)
        .map(|_| {
            let config = config.clone();
            tokio::spawn(async move { AppState::build(config).await.unwrap() })
        })
        .collect();
    let mut jwks = Vec::new();
    let mut states = Vec::new();
    for s in starts {
        let state = s.await.unwrap();
        jwks.push(String::from_utf8(state.keys.jwks().await.unwrap().to_vec()).unwrap());
        states.push(state);
    }
    let active: Vec<(String, i64)> = latchkey::with_pool!(&states[0].db, |p| {
        sqlx::query_as(
        "SELECT alg, count(*) FROM signing_keys WHERE retired_at IS NULL GROUP BY alg ORDER BY alg"
    )
    .fetch_all(p)
    .await
    })
    .unwrap();
    assert_eq!(active.len(), 3, "{active:?}");
    assert!(active.iter().all(|(_, n)| *n == 1), "{active:?}");
    let all: i64 = latchkey::with_pool!(&states[0].db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM signing_keys"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(all, 3, "no instance left a second key behind");
    assert!(
        jwks.iter().all(|j| j == &jwks[0]),
        "every instance publishes the same keys"
    );
}

#[tokio::test]
async fn a_login_moves_between_instances() {
    if !crate::backend::is_postgres() {
        // Several instances are a PostgreSQL setup: SQLite's in-process
        // copy of page sessions assumes one instance (README).
        return;
    }
    let a = TestApp::spawn().await;
    let b = a.instance().await;
    // Not first party: the consent step is one more page between instances.
    let client = a.add_client_with("app", |c| c.first_party = false).await;
    a.add_user("alice", &[]).await;
    // authorize and the login page on A, the password on B.
    let page = a.follow(a.authorize(&client, &[]).await).await;
    assert_eq!(page.url().path(), "/login");
    let csrf = csrf_from(&page.text().await.unwrap());
    let r = b
        .browser
        .post(b.url("/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("username", "alice"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "B accepts A's form");
    // Consent shown by A, answered on B.
    let consent = a.follow(on(&a, &r).await).await;
    assert_eq!(consent.url().path(), "/consent");
    let html = consent.text().await.unwrap();
    let r = b
        .browser
        .post(b.url("/consent"))
        .form(&[
            ("csrf_token", csrf_from(&html).as_str()),
            (
                "req",
                input_value(&html, "req").unwrap_or_default().as_str(),
            ),
            ("consent", "allow"),
        ])
        .send()
        .await
        .unwrap();
    let back = url::Url::parse(&back_to_client(&b, r, &client.redirect).await).unwrap();
    let code = query(&back, "code").expect("a code");
    // The code is redeemed on A, the token used on B.
    let tokens = a.exchange(&client, &code).await;
    let info = b.userinfo(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(info.status(), StatusCode::OK);
    // Redeeming it again on B is a replay (RFC 6749 4.1.2).
    assert_eq!(
        b.redeem(&client, &code).await.status(),
        StatusCode::BAD_REQUEST
    );
    // A logout on B ends the login that A serves.
    b.logout().await;
    let r = a.browser.get(a.url("/account")).send().await.unwrap();
    assert!(
        location(&r).is_some_and(|l| l.contains("/login")),
        "A sends the signed-out browser to the login page"
    );
}

/// The redirect `r` (from any instance), followed on `app`.
async fn on(app: &TestApp, r: &reqwest::Response) -> reqwest::Response {
    let loc = location(r).expect("a redirect");
    let url = url::Url::parse(&app.base).unwrap().join(&loc).unwrap();
    let path = &url[url::Position::BeforePath..];
    app.browser.get(app.url(path)).send().await.unwrap()
}

/// Follows Latchkey's redirects on `app` until one goes to the client.
async fn back_to_client(app: &TestApp, mut r: reqwest::Response, redirect: &str) -> String {
    for _ in 0..5 {
        let loc = location(&r).unwrap_or_else(|| panic!("no redirect from {}", r.url()));
        if loc.starts_with(redirect) {
            return loc;
        }
        r = on(app, &r).await;
    }
    panic!("never back to the client");
}

#[tokio::test]
async fn backup_and_check_fit_the_backend() {
    let app = TestApp::spawn().await;
    let file = app.dir.path().join("backup.sqlite");
    let out = app.cli().arg("backup").arg(&file).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    if crate::backend::is_postgres() {
        assert!(!out.status.success());
        assert!(
            err.contains("pg_dump") && err.contains("secret_key"),
            "{err}"
        );
        assert!(!file.exists());
    } else {
        assert!(out.status.success(), "{err}");
        assert!(file.exists());
    }
    let out = app.cli().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("passed the integrity check"));
    if let latchkey::db::Db::Postgres(pool) = &app.state.db {
        // A missing trigger would leave caches stale: check says which.
        sqlx::query("DROP TRIGGER users_identity ON users")
            .execute(pool)
            .await
            .unwrap();
        let out = app.cli().arg("check").output().unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("trigger users_identity is missing"), "{err}");
    }
}

/// Asks `app`'s forward auth until `done` holds for its answer; the last
/// answer. A bound for a failing run, not a speed requirement: the cache
/// lives an hour, so only a notification can change the answer.
async fn answer_becomes(
    app: &TestApp,
    what: &str,
    done: impl Fn(&reqwest::Response) -> bool,
) -> reqwest::Response {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let r = crate::forward_auth::traefik_check(app).await;
        if done(&r) {
            return r;
        }
        assert!(
            std::time::Instant::now() < until,
            "{what}: still {} from the other instance",
            r.status()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

fn groups_of(r: &reqwest::Response) -> Option<&str> {
    r.headers().get("remote-groups")?.to_str().ok()
}

#[tokio::test]
async fn logouts_and_cli_changes_reach_every_instance_forward_auth_cache() {
    if !crate::backend::is_postgres() {
        // LISTEN/NOTIFY is PostgreSQL's; one SQLite instance makes (or, for
        // the CLI, waits out) every change itself (forward_auth.rs).
        return;
    }
    let a = crate::forward_auth::latchkey_caching(3600).await;
    let b = a.instance().await;
    let login = a.url("/login?rd=https%3A%2F%2Fpaperless.example.test%2Fdocuments%2F");
    crate::forward_auth::login_from(&a, &login, "alice", 0).await;
    let ok = |r: &reqwest::Response| r.status() == StatusCode::OK;
    let r = answer_becomes(&b, "a login on A", ok).await;
    assert_eq!(groups_of(&r), Some("staff"));

    // `user groups --set` from the CLI: B's remembered groups change.
    let out = b
        .cli()
        .args(["user", "groups", "alice", "--set", "staff,scanner"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    answer_becomes(&b, "user groups --set", |r| {
        groups_of(r) == Some("scanner,staff") || groups_of(r) == Some("staff,scanner")
    })
    .await;

    // A logout on A: B stops letting the browser through.
    a.logout().await;
    let gone = |r: &reqwest::Response| r.status() == StatusCode::FOUND;
    answer_becomes(&b, "a logout on A", gone).await;

    // The listeners lose their connections: each listens again, and then
    // hears the next change as before.
    crate::forward_auth::login_from(&a, &login, "alice", 30).await;
    answer_becomes(&b, "a second login on A", ok).await;
    let before = latchkey::metrics::identity_listener_reconnects();
    let ended: Vec<bool> = latchkey::with_pool!(&a.state.db, |p| sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%'"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    assert_eq!(ended, [true, true], "one listener per instance");
    let until = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while latchkey::metrics::identity_listener_reconnects() < before + 2 {
        assert!(
            std::time::Instant::now() < until,
            "the listeners never came back"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let out = a.cli().args(["user", "disable", "alice"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    answer_becomes(&b, "user disable after a reconnect", gone).await;
}
