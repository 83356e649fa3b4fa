//! Issue 14, item 12: the logout confirmation has a Cancel; the consent
//! page names the app's address and offers "Not you?", which signs out
//! and keeps the pending request for the next user.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

#[tokio::test]
async fn logout_confirmation_has_a_cancel_that_keeps_the_login() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.submit_login("alice", PASSWORD).await;
    let (url, html) = app.page("/logout").await;
    assert_eq!(url.path(), "/logout");
    assert!(html.contains("Sign out?"), "{html}");
    let cancel = attr(&html, "a#logout-cancel", "href").expect("a Cancel link");
    let (url, _) = app.page(&cancel).await;
    assert_eq!(url.path(), "/account", "still signed in");
}

async fn consent_page(app: &TestApp) -> (TestClient, String) {
    let uris: &'static [String] = Box::leak(
        vec!["https://paperless.example:8443/accounts/oidc/callback".to_string()]
            .into_boxed_slice(),
    );
    let client = app
        .add_client_with("paperless", |c| {
            c.first_party = false;
            c.name = Some("Paperless");
            c.redirect_uris = uris;
        })
        .await;
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/consent");
    (client, r.text().await.unwrap())
}

#[tokio::test]
async fn consent_names_the_apps_address() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    let (_, html) = consent_page(&app).await;
    let origin = texts(&html, "#app-origin");
    assert_eq!(origin.len(), 1, "{html}");
    assert!(
        origin[0].contains("https://paperless.example:8443"),
        "{}",
        origin[0]
    );
    assert!(!origin[0].contains("/accounts/oidc/callback"));
}

#[tokio::test]
async fn not_you_signs_out_and_keeps_the_app() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.add_user("bob", &[]).await;
    let (client, html) = consent_page(&app).await;
    let not_you = texts(&html, "form#not-you button");
    assert_eq!(not_you.len(), 1, "{html}");
    assert!(not_you[0].contains("Not alice?"), "{}", not_you[0]);
    assert_eq!(
        attr(&html, "form#not-you", "action").as_deref(),
        Some("/consent/switch")
    );
    // CSRF-protected like every form.
    let r = app
        .browser
        .post(app.url("/consent/switch"))
        .form(&[
            ("csrf_token", "forged".to_string()),
            ("req", input_value(&html, "req").unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .browser
        .post(app.url("/consent/switch"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("req", input_value(&html, "req").unwrap()),
        ])
        .send()
        .await
        .unwrap();
    let r = app.follow(r).await;
    assert_eq!(r.url().path(), "/login", "alice is signed out");
    let html = r.text().await.unwrap();
    assert!(html.contains("Paperless"), "the app is kept: {html}");
    let n: i64 = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT count(*) FROM browser_sessions"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(n, 0, "alice's login ended");
    // bob signs in and reaches the same app's consent, as himself.
    let r = app.follow(app.submit_login("bob", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/consent");
    let html = r.text().await.unwrap();
    assert!(html.contains("<strong>bob</strong>"), "{html}");
    let r = app
        .browser
        .post(app.url("/consent"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("req", input_value(&html, "req").unwrap()),
            ("consent", "allow".into()),
        ])
        .send()
        .await
        .unwrap();
    let r = app.follow(r).await;
    let loc = location(&r).unwrap();
    assert!(loc.starts_with(&client.redirect), "{loc}");
}
