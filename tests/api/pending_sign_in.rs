//! An app sign-in belongs to the page it was started for (issue 14, item
//! 2): abandoned, it does not take over a later visit to the account page;
//! "sign in as someone else" keeps it.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

fn names_the_app(html: &str) -> bool {
    html.contains("to continue to")
}

#[tokio::test]
async fn an_abandoned_app_sign_in_does_not_take_over_the_account_page() {
    let app = TestApp::spawn().await;
    let client = app.add_client("rp").await;
    app.add_user("alice", &[]).await;
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    assert!(names_the_app(&r.text().await.unwrap()));

    // Later, the account page instead.
    let r = app
        .follow(app.browser.get(app.url("/account")).send().await.unwrap())
        .await;
    assert_eq!(r.url().path(), "/login");
    let html = r.text().await.unwrap();
    assert!(!names_the_app(&html), "the login page still names the app");
    assert!(input_value(&html, "req").is_none());
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.url().path(), "/account", "not the abandoned app");
}

#[tokio::test]
async fn signing_in_as_someone_else_keeps_the_app() {
    let app = TestApp::spawn().await;
    let client = app.add_client("rp").await;
    let alice = app.add_user("alice", &[]).await;
    let sealed = app.state.secrets.seal(SECRET).unwrap();
    latchkey::db::factors::set_totp(&app.state.db, alice.id, &sealed, 0)
        .await
        .unwrap();
    app.add_user("bob", &[]).await;
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/login/mfa");
    let html = r.text().await.unwrap();
    let switch = attr(&html, "form.switch-user", "action").expect("the switch form");
    let r = app
        .browser
        .post(app.url(&switch))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            (
                "req",
                input_value(&html, "req").expect("the app sign-in's id"),
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).is_some_and(|l| l.contains("req=")));
    let r = app.follow(r).await;
    assert_eq!(r.url().path(), "/login");
    let html = r.text().await.unwrap();
    assert!(names_the_app(&html), "the app is still named");
    // alice's login ended: the account page wants a login.
    let account = app.browser.get(app.url("/account")).send().await.unwrap();
    assert_eq!(location(&account).as_deref(), Some("/login"));
    // The page's own form (with its request) signs bob in to the app,
    // although the account visit came in between.
    let r = app
        .browser
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            (
                "req",
                input_value(&html, "req").expect("the form's request"),
            ),
            ("username", "bob".into()),
            ("password", PASSWORD.into()),
        ])
        .send()
        .await
        .unwrap();
    let back = location(&app.follow(r).await).expect("back to the app");
    assert!(back.starts_with(&client.redirect), "{back}");
    assert!(back.contains("code="));
}
