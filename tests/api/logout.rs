use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn logout_with_hint_redirects_to_registered_uri_and_ends_session() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let t = app.exchange(&client, &code).await;
    let hint = t["id_token"].as_str().unwrap();
    let q = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("id_token_hint", hint),
            ("post_logout_redirect_uri", "https://app.example/logged-out"),
            ("state", "bye"),
        ])
        .finish();
    let r = app
        .browser
        .get(app.url(&format!("/logout?{q}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r).as_deref(),
        Some("https://app.example/logged-out?state=bye")
    );
    // The session is gone: prompt=none now fails.
    let r = app
        .follow(app.authorize(&client, &[("prompt", Some("none"))]).await)
        .await;
    let url = url::Url::parse(&location(&r).unwrap()).unwrap();
    assert_eq!(query(&url, "error").as_deref(), Some("login_required"));
}

#[tokio::test]
async fn logout_refuses_unregistered_redirect_and_confirms_without_hint() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    app.code(&client, &[], "alice").await;
    let r = app
        .browser
        .get(
            app.url("/logout?client_id=app&post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(location(&r).is_none());
    // No hint: a confirmation page with a CSRF-protected form.
    let r = app
        .browser
        .get(app.url(
            "/logout?client_id=app&post_logout_redirect_uri=https%3A%2F%2Fapp.example%2Flogged-out",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let r = app
        .browser
        .post(app.url("/logout/confirm"))
        .form(&[
            ("csrf_token", csrf_from(&page).as_str()),
            ("client_id", "app"),
            ("post_logout_redirect_uri", "https://app.example/logged-out"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        location(&r).as_deref(),
        Some("https://app.example/logged-out")
    );
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
}
