//! Error pages (issue 14, item 5): each says in plain words what happened
//! and what to do next, and offers a way onward; the protocol detail is
//! folded away for administrators, never the page's message.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

/// The page's message, its way onward, and its folded details (if any).
async fn read(r: reqwest::Response) -> (String, Option<String>, Option<String>) {
    let html = r.text().await.unwrap();
    let message = texts(&html, ".alert.error").join(" ");
    let onward = attr(&html, ".actions a", "href");
    let details = texts(&html, "details.error-details code")
        .into_iter()
        .next();
    (message, onward, details)
}

#[tokio::test]
async fn an_unknown_page_says_so_and_leads_on() {
    let app = TestApp::spawn().await;
    let r = app
        .browser
        .get(app.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (message, onward, details) = read(r).await;
    assert!(message.contains("no page at this address"), "{message}");
    assert_eq!(onward.as_deref(), Some("/account"));
    assert!(details.is_none());
}

#[tokio::test]
async fn a_refused_sign_in_request_explains_itself_and_folds_the_protocol_detail() {
    let app = TestApp::spawn().await;
    let client = app.add_client("rp").await;
    // An unregistered redirect_uri: Latchkey must not redirect (RFC 6749
    // 4.1.2.1), so the reader gets the page.
    let r = app
        .authorize(
            &client,
            &[("redirect_uri", Some("https://evil.example/cb"))],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let (message, onward, details) = read(r).await;
    assert!(message.contains("Go back to the application"), "{message}");
    assert!(
        !message.contains("redirect_uri"),
        "no protocol words: {message}"
    );
    assert_eq!(onward.as_deref(), Some("/account"));
    let details = details.expect("the protocol detail, folded");
    assert!(details.starts_with("invalid_request"), "{details}");
    assert!(details.contains("redirect_uri"), "{details}");
}

#[tokio::test]
async fn a_malformed_query_is_named_as_such_with_the_parser_detail_folded() {
    let app = TestApp::spawn().await;
    // A parameter given twice (RFC 6749 3.1).
    let r = app
        .browser
        .get(app.url("/authorize?client_id=rp&client_id=rp2"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let (message, onward, details) = read(r).await;
    assert!(message.contains("nothing was done"), "{message}");
    assert!(!message.contains("client_id"), "{message}");
    assert_eq!(onward.as_deref(), Some("/account"));
    assert!(details.is_some_and(|d| d.contains("client_id")));
}

#[tokio::test]
async fn an_expired_form_says_nothing_changed() {
    let app = TestApp::spawn().await;
    let r = app
        .browser
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", "not-the-token"),
            ("username", "alice"),
            ("password", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (message, onward, _) = read(r).await;
    assert!(message.contains("nothing was changed"), "{message}");
    assert!(!message.contains("stale"), "{message}");
    assert_eq!(onward.as_deref(), Some("/account"));
}
