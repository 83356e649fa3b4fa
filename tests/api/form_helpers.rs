//! Issue 14, items 7, 8 and 9: phone-first TOTP enrollment with a Copy
//! button, Copy/Download/Print on the recovery codes, and the password and
//! code fields' helpers (focus, aria-invalid/-describedby, titles, a plain
//! message for a code of the wrong length). The scripts themselves run in
//! the browser suite; here, the markup they and a screen reader rely on.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::mfa_helpers::*;

fn title(html: &str) -> String {
    texts(html, "title").join("")
}

fn has_attr(html: &str, selector: &str, name: &str) -> bool {
    attr(html, selector, name).is_some()
}

/// The script tags' sources.
fn scripts(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("script[src]").unwrap();
    doc.select(&sel)
        .map(|s| s.value().attr("src").unwrap().to_string())
        .collect()
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("no {needle} in {html}"))
}

#[tokio::test]
async fn enrollment_puts_the_app_button_and_key_before_the_qr_code() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    let (_, html) = app.page("/enroll").await;
    // Document order is the phone order (CSS moves the QR first on wide screens).
    let button = position(&html, "id=\"otpauth-uri\"");
    let key = position(&html, "id=\"totp-secret\"");
    let qr = position(&html, "class=\"qr\"");
    assert!(button < qr && key < qr, "{html}");
    assert!(
        attr(&html, "a#otpauth-uri", "class")
            .unwrap()
            .contains("btn"),
        "the otpauth link is a button"
    );
    let uri = url::Url::parse(&attr(&html, "a#otpauth-uri", "href").unwrap()).unwrap();
    let secret = query(&uri, "secret").unwrap();
    assert_eq!(
        attr(&html, "button#secret-copy", "data-copy-text").as_deref(),
        Some(secret.as_str()),
        "Copy takes the key without spaces"
    );
    assert!(scripts(&html).iter().any(|s| s.contains("/static/pages.")));
    // No error yet: the code field is not focused or marked.
    assert!(!has_attr(&html, "#code", "autofocus"));
    assert!(!has_attr(&html, "#code", "aria-invalid"));
}

#[tokio::test]
async fn a_wrong_enrollment_code_focuses_the_field_and_names_the_error() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    let (_, html) = app.page("/enroll").await;
    let post = |code: &'static str| {
        app.browser
            .post(app.url("/enroll/totp"))
            .form(&[("csrf_token", csrf_from(&html)), ("code", code.into())])
            .send()
    };
    let r = post("000000").await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html2 = r.text().await.unwrap();
    assert!(has_attr(&html2, "#code", "autofocus"), "{html2}");
    assert_eq!(
        attr(&html2, "#code", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&html2, "#code", "aria-describedby").as_deref(),
        Some("code-error")
    );
    assert!(texts(&html2, "#code-error")[0].contains("not valid"));
    assert!(title(&html2).starts_with("Error: "), "{}", title(&html2));
    // Five digits: said plainly.
    let r = post("12345").await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html3 = r.text().await.unwrap();
    assert!(
        texts(&html3, "#code-error")[0].contains("has 5 digits"),
        "{html3}"
    );
}

#[tokio::test]
async fn recovery_codes_page_has_copy_download_print_and_no_alert() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    let (_, html) = app.page("/enroll").await;
    let uri = url::Url::parse(&attr(&html, "a#otpauth-uri", "href").unwrap()).unwrap();
    let secret = query(&uri, "secret").unwrap();
    let r = app
        .browser
        .post(app.url("/enroll/totp"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("code", totp_code(&secret, now())),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r).as_deref(), Some("/enroll/recovery"));
    let (_, html) = app.page("/enroll/recovery").await;
    assert_eq!(texts(&html, "#recovery-codes code").len(), 10);
    assert_eq!(
        attr(&html, "#codes-copy", "data-copy-target").as_deref(),
        Some("recovery-codes")
    );
    assert!(
        attr(&html, "a#codes-download", "download")
            .unwrap()
            .ends_with(".txt")
    );
    assert!(has_attr(&html, "button#codes-print", "type"));
    assert!(scripts(&html).iter().any(|s| s.contains("/static/pages.")));
    // The advice is advice, not an error announcement.
    assert!(texts(&html, "[role=alert]").is_empty(), "{html}");
    assert!(texts(&html, "#codes-advice")[0].contains("somewhere safe"));
}

#[tokio::test]
async fn a_wrong_password_focuses_the_password_field_and_ties_the_error_to_it() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    let (_, html) = app.page("/login").await;
    assert_eq!(title(&html), "Sign in · Latchkey");
    assert!(has_attr(&html, "#username", "autofocus"));
    assert!(!has_attr(&html, "#password", "autofocus"));
    assert!(!has_attr(&html, "#password", "aria-invalid"));
    // The show-password toggle and the Caps Lock line exist for the script.
    assert_eq!(
        attr(&html, "button[data-toggles=password]", "aria-pressed").as_deref(),
        Some("false")
    );
    assert!(has_attr(&html, "#password-caps", "aria-live"));
    assert!(has_attr(&html, "#password", "data-helpers"));

    let r = app.submit_login("alice", "wrong").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let html = r.text().await.unwrap();
    assert!(
        title(&html).starts_with("Error: Sign in"),
        "{}",
        title(&html)
    );
    assert!(has_attr(&html, "#password", "autofocus"), "{html}");
    assert!(!has_attr(&html, "#username", "autofocus"));
    assert_eq!(
        attr(&html, "#password", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&html, "#password", "aria-describedby").as_deref(),
        Some("login-error")
    );
    assert!(texts(&html, "#login-error")[0].contains("Incorrect username or password"));
}

#[tokio::test]
async fn a_five_digit_code_gets_a_clear_message_and_is_not_counted() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    let enrolled = app.enroll_totp().await;
    app.continue_after_codes().await;
    let app = app.with_new_browser();
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    for _ in 0..6 {
        let r = app.submit_mfa("code", "12345").await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let html = r.text().await.unwrap();
        let msg = texts(&html, "#mfa-error");
        assert!(
            msg[0].contains("has 5 digits") && msg[0].contains("6"),
            "{html}"
        );
        assert!(title(&html).starts_with("Error: "), "{}", title(&html));
        assert!(has_attr(&html, "#code", "autofocus"));
        assert_eq!(
            attr(&html, "#code", "aria-invalid").as_deref(),
            Some("true")
        );
        assert_eq!(
            attr(&html, "#code", "aria-describedby").as_deref(),
            Some("mfa-error")
        );
    }
    // Six typos later the right code still works: none of them was a guess.
    let r = app
        .submit_mfa("code", &totp_code(&enrolled.secret, now() + 30))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// The same helpers where a password is chosen: the account page's
/// change-password form and the enrollment link's page.
#[tokio::test]
async fn new_password_fields_have_the_toggle_caps_warning_and_hint() {
    let app = TestApp::spawn().await;
    let user = app.add_user("alice", &[]).await;
    app.submit_login("alice", PASSWORD).await;
    let (_, html) = app.page("/account").await;
    for field in ["current_password", "new_password"] {
        assert!(
            has_attr(&html, &format!("#{field}"), "data-helpers"),
            "{field}"
        );
        assert!(
            has_attr(
                &html,
                &format!("button[data-toggles={field}]"),
                "aria-controls"
            ),
            "{field}"
        );
        assert!(
            has_attr(&html, &format!("#{field}-caps"), "aria-live"),
            "{field}"
        );
    }
    assert_eq!(
        attr(&html, "#new_password", "aria-describedby").as_deref(),
        Some("new_password-hint")
    );
    assert!(texts(&html, "#new_password-hint")[0].contains("characters"));

    let link = latchkey::web::enroll_link::create(&app.state, &user, 10)
        .await
        .unwrap();
    let app = app.with_new_browser();
    let (_, html) = app.page(link.strip_prefix(&app.base).unwrap()).await;
    assert!(has_attr(
        &html,
        "button[data-toggles=new_password]",
        "aria-controls"
    ));
    assert!(has_attr(&html, "#new_password-caps", "aria-live"));
}
