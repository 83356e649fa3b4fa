//! Issue 12, F2/F3/F6/F10: a stolen or unattended session must not become
//! a permanent takeover. Factor changes need a recent check, enrolling is
//! not authenticating, a password change is not a second factor, the
//! forward-auth cookie opens no page, and no clear secret reaches the disk.

use latchkey::config::MfaPolicy;
use latchkey::forward_auth::{AccessRule, Policy};
use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;

use crate::helpers::*;
use crate::mfa_helpers::*;

/// Alice with TOTP, fully signed in (password + code) in `app.browser`.
async fn alice_with_totp(tweak: impl FnOnce(&mut latchkey::Config)) -> (TestApp, Enrolled) {
    let app = TestApp::spawn_with(|c| {
        c.mfa = MfaPolicy::Required;
        tweak(c);
    })
    .await;
    app.add_user("alice", &["staff"]).await;
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    let enrolled = app.enroll_totp().await;
    app.continue_after_codes().await;
    (app, enrolled)
}

async fn post_form(app: &TestApp, path: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let (_, html) = app.page("/account").await;
    let csrf = csrf_from(&html);
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(extra);
    app.browser
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .unwrap()
}

async fn scalar(app: &TestApp, sql: &str) -> String {
    latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar::<_, String>(sql)
        .fetch_one(p)
        .await)
    .unwrap()
}

async fn recovery_digests(app: &TestApp) -> String {
    scalar(
        app,
        "SELECT coalesce(string_agg(code_hash, ',' ORDER BY code_hash), '') FROM recovery_codes",
    )
    .await
}

#[tokio::test]
async fn a_three_hour_old_session_cannot_change_any_factor() {
    let (app, enrolled) = alice_with_totp(|_| {}).await;
    let totp_before = scalar(&app, "SELECT secret FROM totp_credentials").await;
    let codes_before = recovery_digests(&app).await;
    age_logins(&app, 3 * 3600).await;

    // Register a passkey: refused before any ceremony state is made.
    let csrf = {
        let (_, html) = app.page("/account").await;
        attr(&html, "[data-csrf]", "data-csrf").unwrap_or_else(|| csrf_from(&html))
    };
    let r = app
        .json("/webauthn/register/start", &csrf, &serde_json::json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Replace TOTP: the enrollment page sends the user to confirm first.
    let r = app.browser.get(app.url("/enroll")).send().await.unwrap();
    assert_eq!(location(&r).as_deref(), Some("/login/mfa"));
    let r = post_form(&app, "/enroll/totp", &[("code", "123456")]).await;
    assert_eq!(location(&r).as_deref(), Some("/login/mfa"));

    // Remove TOTP, remove a passkey, regenerate the recovery codes.
    for path in [
        "/account/totp/remove",
        "/account/passkeys/remove",
        "/account/recovery",
    ] {
        let r = post_form(&app, path, &[("id", "1")]).await;
        assert_eq!(location(&r).as_deref(), Some("/login/mfa"), "{path}");
    }
    assert_eq!(
        scalar(&app, "SELECT secret FROM totp_credentials").await,
        totp_before
    );
    assert_eq!(recovery_digests(&app).await, codes_before);
    let passkeys: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM passkeys"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(passkeys, 0);

    // After a fresh second factor the same change goes through, and the
    // new codes are shown in that very response.
    let r = app
        .submit_mfa("code", &totp_code(&enrolled.secret, now() + 30))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = post_form(&app, "/account/recovery", &[("confirm", "yes")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert_eq!(texts(&html, "#recovery-codes code").len(), 10);
    assert_ne!(recovery_digests(&app).await, codes_before);
}

#[tokio::test]
async fn enrolling_a_passkey_is_not_signing_in_with_one() {
    let (app, _) = alice_with_totp(|_| {}).await;
    let client = app.add_client("app").await;
    // Another device of alice's, signed in before the change.
    let other = TestApp::attach(app.base.clone(), app.state.clone());
    let user_id: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT id FROM users WHERE username = 'alice'"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    let (amr_before, auth_time_before): (String, i64) =
        latchkey::with_pool!(&app.state.db, |p| sqlx::query_as(
            "SELECT amr, auth_time FROM browser_sessions WHERE user_id = $1"
        )
        .bind(user_id)
        .fetch_one(p)
        .await)
        .unwrap();
    other
        .follow(other.submit_login("alice", PASSWORD).await)
        .await;
    assert_eq!(
        latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM browser_sessions"
        )
        .fetch_one(p)
        .await)
        .unwrap(),
        2
    );

    let mut authn = authenticator();
    app.register_passkey(&mut authn, "Attacker's key").await;

    let (amr, auth_time): (String, i64) = latchkey::with_pool!(&app.state.db, |p| sqlx::query_as(
        "SELECT amr, auth_time FROM browser_sessions WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(amr, amr_before, "registering adds no amr value");
    assert_eq!(
        auth_time, auth_time_before,
        "registering moves no auth_time"
    );
    // The other device was signed out, and the change is audited.
    let (url, _) = other.page("/account").await;
    assert_eq!(url.path(), "/login");
    let audited: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM audit_events WHERE event = 'factor_enrolled' AND detail = 'method=passkey'",
    )
.fetch_one(p)
.await)
    .unwrap();
    assert_eq!(audited, 1);

    // The id_token tells the truth: TOTP, no passkey.
    let url = app.login_flow(&client, &[], "alice").await;
    let t = app.exchange(&client, &query(&url, "code").unwrap()).await;
    let claims = app.verify_jwt(t["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["acr"], "mfa");
    assert!(!claims["amr"].as_array().unwrap().contains(&"hwk".into()));
}

#[tokio::test]
async fn a_password_change_is_not_a_second_factor() {
    let app = TestApp::spawn().await; // mfa = optional
    let strict = app
        .add_client_with("strict", |c| c.require_mfa = Some(true))
        .await;
    app.add_user("bob", &[]).await;
    app.follow(app.submit_login("bob", PASSWORD).await).await;
    // "Change" the password to the same value.
    let r = post_form(
        &app,
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", PASSWORD),
            ("confirm_password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK, "the change itself works");
    let amr = scalar(&app, "SELECT amr FROM browser_sessions").await;
    assert_eq!(amr, r#"["pwd"]"#);
    // A client that requires MFA still sends bob to set up a factor.
    let r = app.follow(app.authorize(&strict, &[]).await).await;
    assert_eq!(r.url().path(), "/enroll");
}

fn cookie_named(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_string())
        .unwrap()
}

#[tokio::test]
async fn the_forward_auth_cookie_opens_no_page_and_the_login_cookie_stays_home() {
    let (app, enrolled) = alice_with_totp(|c| {
        c.issuer = c.issuer.replace("localhost", "auth.example.test");
        c.session.cookie_domain = Some("example.test".into());
        c.forward_auth.rules = vec![AccessRule {
            host: "paperless.example.test".into(),
            path: "/".into(),
            policy: Policy::Mfa,
            groups: vec![],
            case_insensitive: false,
        }];
    })
    .await;
    // A new login, to see the cookies it sets.
    let app = app.with_new_browser();
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    let r = app
        .submit_mfa("code", &totp_code(&enrolled.secret, now() + 30))
        .await;
    let login = cookie_named(&r, "latchkey_login").expect("login cookie");
    let forward = cookie_named(&r, "latchkey_forward").expect("forward cookie");
    assert!(
        !login.to_ascii_lowercase().contains("domain="),
        "the login cookie is host-only: {login}"
    );
    assert!(
        forward.to_ascii_lowercase().contains("domain=example.test"),
        "{forward}"
    );
    let (login, forward) = (cookie_value(&login), cookie_value(&forward));
    assert_ne!(login, forward);

    let ask = |cookie: String| {
        let app = &app;
        async move {
            app.api
                .get(app.url("/auth/traefik"))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "paperless.example.test")
                .header("X-Forwarded-Uri", "/documents/")
                .header("Cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let page = |cookie: String, path: &'static str| {
        let app = &app;
        async move {
            app.api
                .get(app.url(path))
                .header("Cookie", cookie)
                .send()
                .await
                .unwrap()
        }
    };
    // Forward auth answers to the forward cookie, and to nothing else.
    assert_eq!(ask(format!("latchkey_forward={forward}")).await, 200);
    assert_eq!(ask(format!("latchkey_login={login}")).await, 302);
    assert_eq!(ask(format!("latchkey_forward={login}")).await, 302);
    // What an app under example.test receives opens no account page or
    // passkey ceremony, under either cookie name.
    for cookie in [
        format!("latchkey_forward={forward}"),
        format!("latchkey_login={forward}"),
    ] {
        let r = page(cookie.clone(), "/account").await;
        assert_eq!(location(&r).as_deref(), Some("/login"), "{cookie}");
        let r = app
            .api
            .post(app.url("/webauthn/register/start"))
            .header("Cookie", cookie.clone())
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{cookie}: {}", r.status());
    }
    // The login cookie itself still works for the pages.
    let r = page(format!("latchkey_login={login}"), "/account").await;
    assert_eq!(r.status(), 200);
}

/// Every byte SQLite has on disk for this database.
fn database_bytes(app: &TestApp) -> Vec<u8> {
    let mut all = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = app.dir.path().join(format!("latchkey.sqlite{suffix}"));
        if let Ok(b) = std::fs::read(p) {
            all.extend(b);
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn no_clear_totp_secret_or_recovery_code_reaches_the_disk() {
    let app = TestApp::spawn_with(|c| c.mfa = MfaPolicy::Required).await;
    app.add_user("alice", &[]).await;
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    // The secret is on screen but not yet confirmed.
    let (_, html) = app.page("/enroll").await;
    let uri = attr(&html, "a#otpauth-uri", "href").unwrap();
    let shown = query(&url::Url::parse(&uri).unwrap(), "secret").unwrap();
    assert!(
        !contains(&database_bytes(&app), &shown),
        "pending secret in clear"
    );

    let enrolled = app.enroll_totp().await;
    let bytes = database_bytes(&app);
    assert!(!contains(&bytes, &enrolled.secret), "TOTP secret in clear");
    for code in &enrolled.recovery_codes {
        assert!(!contains(&bytes, code), "recovery code {code} in clear");
    }
    // Shown once: a reload does not show them again.
    let r = app
        .browser
        .get(app.url("/enroll/recovery"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection());
    if let latchkey::db::Db::Sqlite(pool) = &app.state.db {
        // Deleted rows are zeroed in the file, not left in free pages.
        let secure_delete: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(pool.pool())
            .await
            .unwrap();
        assert_eq!(secure_delete, 1);
    }
}
