//! The account page (issue 14, item 11): apps in plain words, times that
//! can be shown in the reader's zone, a device name for enroll-link
//! sessions, distinct sign-out labels, and a nudge to add a second factor.

use crate::helpers::*;
use crate::mfa_helpers::*;

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

#[tokio::test]
async fn apps_times_labels_and_the_nudge() {
    let app = TestApp::spawn().await;
    let client = app.add_client_with("wiki", |c| c.first_party = false).await;
    app.add_user("alice", &[]).await;
    app.code(&client, &[("scope", Some("openid email"))], "alice")
        .await;
    // No factor yet (the policy is optional): no nudge about "another".
    let (_, html) = app.page("/account").await;
    assert!(attr(&html, "#second-factor-nudge", "id").is_none());
    // The app's access in the consent page's words, not scope names.
    let access = texts(&html, "#apps td[data-label=Access] li");
    assert!(
        access.iter().any(|a| a == "Your email address"),
        "{access:?}"
    );
    assert!(!access.iter().any(|a| a.contains("email") && a.len() < 8));
    assert!(!html.contains(">openid email<"));
    // Times carry a machine-readable instant; the text says UTC.
    let datetime = attr(&html, "#sessions time", "datetime").expect("a datetime");
    assert!(
        time::OffsetDateTime::parse(&datetime, &time::format_description::well_known::Rfc3339)
            .is_ok(),
        "{datetime}"
    );
    assert!(texts(&html, "#sessions time")[0].ends_with("UTC"));
    // The two kinds of sign-out say which they are.
    let buttons = texts(&html, "button");
    assert!(
        buttons.iter().any(|b| b == "Sign out this device"),
        "{buttons:?}"
    );
    assert!(buttons.iter().any(|b| b == "Sign out of Latchkey here"));
    assert!(!buttons.iter().any(|b| b == "Sign out"), "{buttons:?}");

    // One factor: the nudge asks for another.
    let totp = app.enroll_totp().await;
    app.continue_after_codes().await;
    // The account page now wants the new factor too.
    let (url, _) = app.page("/account").await;
    assert_eq!(url.path(), "/login/mfa");
    app.submit_mfa("code", &totp_code(&totp.secret, now() + 30))
        .await;
    let (url, html) = app.page("/account").await;
    assert_eq!(url.path(), "/account");
    let nudge = texts(&html, "#second-factor-nudge").join(" ");
    assert!(nudge.contains("a passkey"), "{nudge}");
}

#[tokio::test]
async fn an_enroll_link_session_is_named_by_its_device() {
    let app = TestApp::spawn().await;
    let user = app.add_user("alice", &[]).await;
    let link = latchkey::web::enroll_link::create(&app.state, &user, 10)
        .await
        .unwrap();
    let path = link.strip_prefix(&app.base).unwrap().to_string();
    let app = app.with_new_browser();
    let (_, html) = app.page(&path).await;
    let r = app
        .browser
        .post(app.url("/enroll/link"))
        .header("User-Agent", FIREFOX)
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("token", input_value(&html, "token").unwrap()),
            ("new_password", "a fresh long password".into()),
            ("confirm_password", "a fresh long password".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r).as_deref(), Some("/enroll"));
    let sessions = latchkey::db::sessions::for_user(&app.state.db, user.id)
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].user_agent.as_deref(), Some(FIREFOX));
}
