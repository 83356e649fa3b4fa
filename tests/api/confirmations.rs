//! Issue 14, item 6: destructive account actions (remove the authenticator
//! app or a passkey, sign out a session, revoke an app, make new recovery
//! codes) ask on a second step, a plain form that works without
//! JavaScript; only that step's POST acts.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

/// The hidden fields and action of the form matching `selector`.
fn form_of(html: &str, selector: &str) -> (String, Vec<(String, String)>) {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    let form = doc
        .select(&sel)
        .next()
        .unwrap_or_else(|| panic!("no {selector} in {html}"));
    let action = form.value().attr("action").unwrap().to_string();
    let inputs = scraper::Selector::parse("input[type=hidden]").unwrap();
    let fields = form
        .select(&inputs)
        .map(|i| {
            let v = i.value();
            (
                v.attr("name").unwrap().to_string(),
                v.attr("value").unwrap_or("").to_string(),
            )
        })
        .collect();
    (action, fields)
}

async fn post(app: &TestApp, action: &str, fields: &[(String, String)]) -> reqwest::Response {
    app.browser
        .post(app.url(action))
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// Submits the account page's form for `selector`, then checks that the
/// answer is a confirmation page that changed nothing; returns its HTML.
async fn first_step(app: &TestApp, selector: &str) -> String {
    let (_, html) = app.page("/account").await;
    let (action, fields) = form_of(&html, selector);
    assert!(fields.iter().any(|(k, _)| k == "csrf_token"), "{selector}");
    let r = post(app, &action, &fields).await;
    assert_eq!(r.status(), StatusCode::OK, "{selector}");
    assert_eq!(
        r.headers()["cache-control"].to_str().unwrap(),
        "no-store",
        "{selector}"
    );
    let html = r.text().await.unwrap();
    let (confirm_action, confirm_fields) = form_of(&html, "form#confirm-form");
    assert_eq!(confirm_action, action);
    assert!(confirm_fields.iter().any(|(k, _)| k == "csrf_token"));
    assert_eq!(
        attr(&html, "#confirm-button", "name").as_deref(),
        Some("confirm")
    );
    assert_eq!(
        attr(&html, "#confirm-button", "value").as_deref(),
        Some("yes")
    );
    assert!(
        attr(&html, "a#confirm-cancel", "href")
            .unwrap()
            .starts_with("/account#"),
        "{html}"
    );
    html
}

/// The confirmation page's own form, as its button sends it.
async fn confirm(app: &TestApp, html: &str) -> reqwest::Response {
    let (action, mut fields) = form_of(html, "form#confirm-form");
    fields.push(("confirm".into(), "yes".into()));
    post(app, &action, &fields).await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(sql)
        .fetch_one(p)
        .await)
    .unwrap()
}

/// alice with TOTP, recovery codes and one passkey, signed in recently.
async fn alice() -> (TestApp, Enrolled) {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    let enrolled = app.enroll_totp().await;
    app.continue_after_codes().await;
    // The login so far proved the password only: the second factor now.
    let r = app
        .submit_mfa("code", &totp_code(&enrolled.secret, now() + 30))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mut authn = authenticator();
    app.register_passkey(&mut authn, "Laptop").await;
    (app, enrolled)
}

#[tokio::test]
async fn removing_the_authenticator_app_asks_first() {
    let (app, _) = alice().await;
    let html = first_step(&app, "form[action='/account/totp/remove']").await;
    assert!(html.contains("Remove the authenticator app?"), "{html}");
    assert_eq!(
        count(&app, "SELECT count(*) FROM totp_credentials").await,
        1
    );
    let r = confirm(&app, &html).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("authenticator app was removed")
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM totp_credentials").await,
        0
    );
}

#[tokio::test]
async fn removing_a_passkey_asks_first_and_names_it() {
    let (app, _) = alice().await;
    let html = first_step(&app, "form[action='/account/passkeys/remove']").await;
    assert!(html.contains("Laptop"), "{html}");
    assert_eq!(count(&app, "SELECT count(*) FROM passkeys").await, 1);
    let r = confirm(&app, &html).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(count(&app, "SELECT count(*) FROM passkeys").await, 0);
}

#[tokio::test]
async fn making_new_codes_asks_first_and_keeps_the_old_ones_until_then() {
    let (app, enrolled) = alice().await;
    let before = count(&app, "SELECT count(*) FROM recovery_codes").await;
    let digests = || async {
        latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar::<_, String>(
            "SELECT code_hash FROM recovery_codes ORDER BY 1"
        )
        .fetch_all(p)
        .await)
        .unwrap()
    };
    let old = digests().await;
    let html = first_step(&app, "form[action='/account/recovery']").await;
    assert!(html.contains("stop working"), "{html}");
    assert!(texts(&html, "#recovery-codes code").is_empty());
    assert_eq!(digests().await, old, "nothing changed on the first step");
    assert_eq!(
        count(&app, "SELECT count(*) FROM recovery_codes").await,
        before
    );
    let r = confirm(&app, &html).await;
    assert_eq!(r.status(), StatusCode::OK);
    let codes = texts(&r.text().await.unwrap(), "#recovery-codes code");
    assert_eq!(codes.len(), 10);
    assert!(!codes.contains(&enrolled.recovery_codes[0]));
    assert_ne!(digests().await, old);
}

#[tokio::test]
async fn signing_out_a_session_asks_first() {
    let (app, enrolled) = alice().await;
    let other = TestApp::attach(app.base.clone(), app.state.clone());
    other
        .follow(other.submit_login("alice", PASSWORD).await)
        .await;
    // A recovery code: this step's TOTP code was used by the first device.
    let r = other
        .submit_mfa("recovery_code", &enrolled.recovery_codes[0])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM browser_sessions WHERE user_id IS NOT NULL"
        )
        .await,
        2
    );
    // The other device's row (not "this device").
    let (_, html) = app.page("/account").await;
    let doc = scraper::Html::parse_document(&html);
    let rows = scraper::Selector::parse("#sessions tbody tr").unwrap();
    let row = doc
        .select(&rows)
        .find(|r| !r.text().collect::<String>().contains("this device"))
        .unwrap()
        .html();
    let (action, fields) = form_of(&row, "form");
    let r = post(&app, &action, &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("Sign out this session?"), "{html}");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM browser_sessions WHERE user_id IS NOT NULL"
        )
        .await,
        2
    );
    let r = confirm(&app, &html).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM browser_sessions WHERE user_id IS NOT NULL"
        )
        .await,
        1
    );
    let (url, _) = other.page("/account").await;
    assert_eq!(url.path(), "/login");
}

#[tokio::test]
async fn revoking_an_app_asks_first() {
    let app = TestApp::spawn().await;
    let client = app
        .add_client_with("third", |c| c.first_party = false)
        .await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let t = app.exchange(&client, &code).await;
    let token = t["access_token"].as_str().unwrap();
    let html = first_step(&app, "form[action='/account/apps/revoke']").await;
    assert!(html.contains("Test App"), "{html}");
    assert_eq!(app.userinfo(token).await.status(), 200, "not revoked yet");
    let r = confirm(&app, &html).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.userinfo(token).await.status(), 401);
}

#[tokio::test]
async fn the_confirmation_step_keeps_the_csrf_and_recency_checks() {
    let (app, _) = alice().await;
    let (_, html) = app.page("/account").await;
    let r = app
        .browser
        .post(app.url("/account/totp/remove"))
        .form(&[("csrf_token", "forged"), ("confirm", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A stale login is sent to confirm it's you, on either step.
    age_logins(&app, 3 * 3600).await;
    for confirm in ["", "yes"] {
        let r = app
            .browser
            .post(app.url("/account/totp/remove"))
            .form(&[
                ("csrf_token", csrf_from(&html).as_str()),
                ("confirm", confirm),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&r).as_deref(), Some("/login/mfa"), "{confirm:?}");
    }
    assert_eq!(
        count(&app, "SELECT count(*) FROM totp_credentials").await,
        1
    );
}
