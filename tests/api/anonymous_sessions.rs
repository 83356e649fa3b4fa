//! F7: anonymous requests cost no server-side session row. The CSRF token
//! is signed from a cookie and the pending request travels sealed in a
//! cookie until the first POST; stored parameters are capped; sessions
//! without a login expire within minutes.

use reqwest::StatusCode;
use url::Url;

use crate::helpers::*;

/// (rows, rows that outlive `t`) in `web_sessions`.
async fn rows(app: &TestApp, t: i64) -> (i64, i64) {
    latchkey::db::web_sessions::count(&app.state.db, t)
        .await
        .unwrap()
}

fn authorize_url(app: &TestApp, client: &TestClient, extra: &[(&str, &str)]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("client_id", &client.id)
        .append_pair("redirect_uri", &client.redirect)
        .append_pair("response_type", "code")
        .append_pair("scope", "openid profile");
    if !extra.iter().any(|(k, _)| *k == "state") {
        q.append_pair("state", "st-123");
    }
    for (k, v) in extra {
        q.append_pair(k, v);
    }
    app.url(&format!("/authorize?{}", q.finish()))
}

#[tokio::test]
async fn three_hundred_anonymous_gets_store_no_row_and_logins_still_work() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    // Large but allowed parameters, as the audit sent (within the cap).
    let big = "n".repeat(900);
    for i in 0..300 {
        // No cookie store: every request is a first visit.
        let r = if i % 2 == 0 {
            app.api.get(app.url("/login")).send().await.unwrap()
        } else {
            let url = authorize_url(&app, &client, &[("nonce", &big), ("login_hint", "alice")]);
            app.api.get(url).send().await.unwrap()
        };
        if i % 2 == 0 {
            assert_eq!(r.status(), StatusCode::OK, "GET /login");
        } else {
            assert_eq!(location(&r).as_deref(), Some("/login"), "GET /authorize");
        }
    }
    assert_eq!(rows(&app, 0).await, (0, 0), "no row for 300 anonymous GETs");

    // Afterwards the whole flow works: authorize, login, code, tokens.
    let code = app.code(&client, &[], "alice").await;
    let t = app.exchange(&client, &code).await;
    assert!(t["id_token"].is_string());
}

#[tokio::test]
async fn an_anonymous_request_reaches_the_login_post_without_a_row() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let r = app
        .follow(
            app.authorize(
                &client,
                &[("nonce", Some("n-1")), ("login_hint", Some("alice"))],
            )
            .await,
        )
        .await;
    assert_eq!(r.url().path(), "/login");
    let page = r.text().await.unwrap();
    assert_eq!(input_value(&page, "username").as_deref(), Some("alice"));
    assert!(page.contains("Test App"), "the login page names the client");
    // A failed login changes nothing server-side either.
    let r = app.submit_login("alice", "wrong password").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(rows(&app, 0).await.0, 0, "no row before a login");

    let r = app.submit_login("alice", PASSWORD).await;
    assert_eq!(location(&r).as_deref(), Some("/authorize/resume"));
    let now = latchkey::db::now();
    let (n, long) = rows(&app, now + 30 * 60).await;
    assert_eq!((n, long), (1, 1), "the login's session has the idle time");
    let r = app.follow(r).await;
    let url = Url::parse(&location(&r).unwrap()).unwrap();
    assert!(url.as_str().starts_with(REDIRECT));
    assert_eq!(query(&url, "state").as_deref(), Some("st-123"));
    let t = app.exchange(&client, &query(&url, "code").unwrap()).await;
    let claims = app.verify_jwt(t["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["nonce"], "n-1", "the carried request kept its nonce");
}

#[tokio::test]
async fn sessions_without_a_login_expire_within_minutes() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    // A passkey sign-in started anonymously must keep its ceremony state
    // server-side: a row, but a short-lived one.
    let page = app
        .browser
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::mfa_helpers::attr(&page, "[data-csrf]", "data-csrf").unwrap();
    let r = app
        .json(
            "/webauthn/login/start",
            &csrf,
            &serde_json::json!({"mode": "passwordless"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let now = latchkey::db::now();
    assert_eq!(rows(&app, 0).await.0, 1);
    assert_eq!(
        rows(&app, now + 16 * 60).await.1,
        0,
        "a session without a login lives 15 minutes at most"
    );
    // The same session, logged in, keeps the configured idle time (60 min).
    let r = app.submit_login("alice", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let now = latchkey::db::now();
    assert_eq!(rows(&app, now + 50 * 60).await.1, 1);
    // And the purge removes what expired.
    latchkey::db::maintenance::purge(&app.state.db, now + 61 * 60, 3600, 12 * 3600)
        .await
        .unwrap();
    assert_eq!(rows(&app, 0).await.0, 0);
}

#[tokio::test]
async fn oversized_parameters_are_refused_back_to_the_client() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    let cases: [(&str, String); 4] = [
        ("state", "s".repeat(2100)),
        ("nonce", "n".repeat(2100)),
        ("login_hint", "h".repeat(2100)),
        // Escaped when stored: 700 quotes are 1400 bytes.
        ("nonce", "\"".repeat(700) + &"n".repeat(700)),
    ];
    for (param, value) in &cases {
        let r = app
            .api
            .get(authorize_url(&app, &client, &[(param, value)]))
            .send()
            .await
            .unwrap();
        let to = Url::parse(&location(&r).unwrap_or_default())
            .unwrap_or_else(|_| panic!("{param}: no redirect ({})", r.status()));
        assert!(to.as_str().starts_with(REDIRECT), "{param}: {to}");
        assert_eq!(
            query(&to, "error").as_deref(),
            Some("invalid_request"),
            "{param}"
        );
    }
    // Together over the cap, each under it.
    let r = app
        .api
        .get(authorize_url(
            &app,
            &client,
            &[
                ("nonce", &"n".repeat(1100)),
                ("login_hint", &"h".repeat(1000)),
            ],
        ))
        .send()
        .await
        .unwrap();
    let to = Url::parse(&location(&r).unwrap()).unwrap();
    assert_eq!(query(&to, "error").as_deref(), Some("invalid_request"));
    assert_eq!(query(&to, "state").as_deref(), Some("st-123"));
    // At the cap the request goes on, still without a row.
    let r = app
        .api
        .get(authorize_url(
            &app,
            &client,
            &[
                ("nonce", &"n".repeat(1000)),
                ("login_hint", &"h".repeat(1000)),
            ],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r).as_deref(), Some("/login"));
    assert_eq!(rows(&app, 0).await.0, 0);
}

#[tokio::test]
async fn the_signed_csrf_token_is_bound_to_its_cookie() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    let csrf_of = |b: reqwest::Client| {
        let url = app.url("/login");
        async move {
            let page = b.get(url).send().await.unwrap().text().await.unwrap();
            (b, csrf_from(&page))
        }
    };
    let (a, token_a) = csrf_of(browser()).await;
    let (b, token_b) = csrf_of(browser()).await;
    assert_ne!(token_a, token_b);
    let post = |b: &reqwest::Client, token: String| {
        b.post(app.url("/login"))
            .form(&[
                ("csrf_token", token),
                ("username", "alice".into()),
                ("password", PASSWORD.into()),
            ])
            .send()
    };
    // Another browser's token, or a token with no cookie, is refused.
    assert_eq!(
        post(&b, token_a.clone()).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let no_cookie = reqwest::Client::new();
    assert_eq!(
        post(&no_cookie, token_a.clone()).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(rows(&app, 0).await.0, 0);
    // Its own token works; then the token changes with the login.
    let r = post(&a, token_a.clone()).await.unwrap();
    assert_eq!(location(&r).as_deref(), Some("/authorize/resume"));
    let r = a
        .post(app.url("/logout/confirm"))
        .form(&[("csrf_token", token_a)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "the pre-login token is void"
    );
    drop(token_b);
}
