//! Verified addresses (issue 15): a new address on the account page is
//! confirmed by an emailed link (a real SMTP server) before it replaces the
//! old one; the link's GET changes nothing, its POST does, once.

use latchkey::config::EmailTls;

use crate::helpers::*;
use crate::mfa_helpers::*;
use crate::smtp::SmtpServer;

/// The one link in a message's plain text.
pub fn link_in(text: &str, path: &str) -> String {
    text.split_whitespace()
        .find(|w| w.contains(path))
        .unwrap_or_else(|| panic!("no {path} link in:\n{text}"))
        .to_string()
}

async fn signed_in_with_email(server: Option<&SmtpServer>) -> TestApp {
    let config = server.map(|s| s.config(EmailTls::None));
    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.email = config;
    })
    .await;
    let alice = app.add_user("alice", &[]).await;
    latchkey::db::users::set_email_verified(&app.state.db, alice.id, false)
        .await
        .unwrap();
    let r = app.submit_login("alice", PASSWORD).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    app
}

async fn ask_for(app: &TestApp, address: &str) -> (reqwest::StatusCode, String) {
    let (_, html) = app.page("/account").await;
    let r = app
        .browser
        .post(app.url("/account/email"))
        .form(&[
            ("csrf_token", csrf_from(&html).as_str()),
            ("email", address),
        ])
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn stored(app: &TestApp) -> (String, bool) {
    let u = latchkey::db::users::by_username(&app.state.db, "alice")
        .await
        .unwrap()
        .unwrap();
    (u.email, u.email_verified)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_address_counts_only_after_its_link_is_confirmed() {
    let server = SmtpServer::start("plain", None);
    let app = signed_in_with_email(Some(&server)).await;
    let (_, html) = app.page("/account").await;
    assert_eq!(texts(&html, "#email-status"), ["Not verified"]);

    let (status, html) = ask_for(&app, "alice.new@example.org").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("We sent a confirmation link to alice.new@example.org"),
        "{html}"
    );
    assert_eq!(
        texts(&html, "#email-pending strong"),
        ["alice.new@example.org"]
    );
    let mail = server.next("message", 30);
    assert_eq!(mail["to"], serde_json::json!(["alice.new@example.org"]));
    assert_eq!(mail["subject"], "Confirm your email address for Latchkey");
    let text = mail["text"].as_str().unwrap();
    let link = link_in(text, "/email/confirm?token=");
    assert!(
        mail["html"]
            .as_str()
            .unwrap()
            .contains(&link.replace('&', "&amp;"))
    );

    // Opening the link (as a mail scanner would) changes nothing.
    let confirm_browser = browser();
    let page = confirm_browser.get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("alice.new@example.org"), "{page}");
    assert_eq!(stored(&app).await, ("alice@example.com".into(), false));

    // Its button does, in any browser (the mailbox may be on a phone).
    let token = input_value(&page, "token").unwrap();
    let post = |csrf: String, token: String| {
        let b = confirm_browser.clone();
        let url = app.url("/email/confirm");
        async move {
            b.post(url)
                .form(&[("csrf_token", csrf), ("token", token)])
                .send()
                .await
                .unwrap()
        }
    };
    let r = post(String::new(), token.clone()).await;
    assert_eq!(r.status(), 403, "no CSRF token, no change");
    assert_eq!(stored(&app).await, ("alice@example.com".into(), false));
    let r = post(csrf_from(&page), token.clone()).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Address confirmed"));
    assert_eq!(stored(&app).await, ("alice.new@example.org".into(), true));
    // Once only.
    let r = post(csrf_from(&page), token).await;
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("invalid, expired or already used")
    );
    let (_, html) = app.page("/account").await;
    assert_eq!(texts(&html, "#email-status"), ["Verified"]);
    assert!(attr(&html, "#email-pending", "id").is_none());

    let events: Vec<String> = latchkey::db::audit::list(&app.state.db, Some("alice"), 0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.event, e.detail))
        .collect();
    assert!(
        events.contains(&"email_confirmation_sent to alice.new@example.org".to_string())
            && events.contains(
                &"email_confirmed changed from alice@example.com to alice.new@example.org (confirmed)"
                    .to_string()
            ),
        "{events:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_link_replaces_the_older_and_a_taken_address_is_refused() {
    let server = SmtpServer::start("plain", None);
    let app = signed_in_with_email(Some(&server)).await;
    app.add_user("bob", &[]).await;
    ask_for(&app, "first@example.org").await;
    let first = link_in(
        server.next("message", 30)["text"].as_str().unwrap(),
        "/email/confirm",
    );
    // bob@example.com belongs to bob.
    ask_for(&app, "BOB@example.com").await;
    let second = link_in(
        server.next("message", 30)["text"].as_str().unwrap(),
        "/email/confirm",
    );
    let r = browser().get(&first).send().await.unwrap();
    assert_eq!(r.status(), 400, "the newer link replaced it");
    let b = browser();
    let page = b.get(&second).send().await.unwrap().text().await.unwrap();
    let r = b
        .post(app.url("/email/confirm"))
        .form(&[
            ("csrf_token", csrf_from(&page)),
            ("token", input_value(&page, "token").unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Another account already uses this address")
    );
    assert_eq!(stored(&app).await, ("alice@example.com".into(), false));
}

#[tokio::test]
async fn without_email_the_page_says_to_ask_the_administrator() {
    let app = signed_in_with_email(None).await;
    let (_, html) = app.page("/account").await;
    assert!(html.contains("To change your address, ask your administrator."));
    assert!(attr(&html, "#new_email", "id").is_none());
    let (status, html) = ask_for(&app, "x@example.org").await;
    assert_eq!(status, 400);
    assert!(html.contains("This server cannot send email"), "{html}");
    assert_eq!(stored(&app).await, ("alice@example.com".into(), false));
    let (status, _) = ask_for(&app, "not an address").await;
    assert_eq!(status, 400);
}
