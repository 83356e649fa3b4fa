//! The pages' session state: served from memory after the first read, but
//! always written through to SQLite, so another process on the same
//! database (a restart) carries on a login that was half done.

use crate::helpers::*;

#[tokio::test]
async fn a_login_started_before_a_restart_finishes_after_it() {
    let app = TestApp::spawn().await;
    let client = app.add_client("rp").await;
    app.add_user("alice", &[]).await;
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let csrf = csrf_from(&r.text().await.unwrap());

    // A second server on the same database: its in-memory copy is empty,
    // so the pending request and the CSRF token can only come from SQLite.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let restarted = format!("http://localhost:{}", listener.local_addr().unwrap().port());
    tokio::spawn(latchkey::app::serve(
        app.state.clone(),
        listener,
        std::future::pending(),
    ));
    let r = app
        .browser
        .post(format!("{restarted}/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("username", "alice"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r).as_deref(), Some("/authorize/resume"));
    let r = app
        .browser
        .get(format!("{restarted}/authorize/resume"))
        .send()
        .await
        .unwrap();
    let to = url::Url::parse(&location(&r).unwrap()).unwrap();
    assert_eq!(query(&to, "state").as_deref(), Some("st-123"));
    let code = query(&to, "code").expect("a code for the pending request");
    app.exchange(&client, &code).await;
}

#[tokio::test]
async fn a_forged_session_cookie_is_a_fresh_session() {
    let app = TestApp::spawn().await;
    // Unknown to memory and to SQLite: the page works with a new session,
    // and a form posted with it fails only the CSRF check.
    let forged = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = forged
        .get(app.url("/login"))
        .header("cookie", "latchkey=AAAAAAAAAAAAAAAAAAAAAA")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = forged
        .post(app.url("/login"))
        .header("cookie", "latchkey=AAAAAAAAAAAAAAAAAAAAAA")
        .form(&[("csrf_token", "x"), ("username", "a"), ("password", "b")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}
